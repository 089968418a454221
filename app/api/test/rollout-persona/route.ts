import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { makeRolloutPersonaFixture, type RolloutScenario } from "@/db/e2e-rollout-fixtures";
import { env } from "@/lib/env";

const SCENARIOS: readonly RolloutScenario[] = ["passing", "failing", "bounded"];

/** TEST ONLY: 404 unless the server was started for browser tests (E2E_FIXTURES=1). */
export async function POST(req: Request) {
  if (env().E2E_FIXTURES !== "1") return new NextResponse("Not found", { status: 404 });
  const body = (await req.json().catch(() => ({}))) as { scenario?: unknown };
  const scenario = SCENARIOS.find((x) => x === body.scenario);
  if (!scenario) return NextResponse.json({ title: `scenario must be one of ${SCENARIOS.join(", ")}` }, { status: 400 });
  return NextResponse.json(await makeRolloutPersonaFixture(await getDb(), scenario));
}
