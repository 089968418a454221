import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { makeAuditTenant, tamperAuditEvent } from "@/db/e2e-audit-fixtures";
import { env } from "@/lib/env";

const Body = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create") }),
  z.object({ op: z.literal("tamper"), tenantId: z.uuid(), seq: z.number().int().positive() }),
]);

/** TEST ONLY: 404 unless the server was started for browser tests (E2E_FIXTURES=1). */
export async function POST(req: Request) {
  if (env().E2E_FIXTURES !== "1") return new NextResponse("Not found", { status: 404 });
  const body = Body.safeParse(await req.json().catch(() => null));
  if (!body.success) return NextResponse.json({ error: z.prettifyError(body.error) }, { status: 400 });
  const db = await getDb();
  if (body.data.op === "create") return NextResponse.json(await makeAuditTenant(db));
  const ok = await tamperAuditEvent(db, body.data.tenantId, body.data.seq);
  return ok ? NextResponse.json({ ok }) : NextResponse.json({ error: "No such event." }, { status: 404 });
}
