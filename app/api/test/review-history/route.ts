import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { makeReviewHistoryFixture } from "@/db/e2e-review-history";
import { STAGES, type Stage } from "@/lib/domain/constants";
import { env } from "@/lib/env";

/** TEST ONLY: 404 unless the server was started for browser tests (E2E_FIXTURES=1). */
export async function POST(req: Request) {
  if (env().E2E_FIXTURES !== "1") return new NextResponse("Not found", { status: 404 });
  const body = (await req.json().catch(() => ({}))) as { approvals?: unknown; stage?: unknown };
  const approvals = typeof body.approvals === "number" && body.approvals >= 0 ? Math.min(200, Math.floor(body.approvals)) : 24;
  const stage = STAGES.includes(body.stage as Stage) ? (body.stage as Stage) : undefined;
  return NextResponse.json(await makeReviewHistoryFixture(await getDb(), { approvals, stage }));
}
