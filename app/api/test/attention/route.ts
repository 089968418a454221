import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { makeAttentionFixture, makeQuietTenantFixture } from "@/db/e2e-attention";
import { env } from "@/lib/env";

/**
 * TEST ONLY: 404 unless the server was started for browser tests (E2E_FIXTURES=1).
 * `{ "quietTenant": true }` makes a tenant with nothing to attend to; otherwise an
 * Acme space with a review about to expire and a paused persona.
 */
export async function POST(req: Request) {
  if (env().E2E_FIXTURES !== "1") return new NextResponse("Not found", { status: 404 });
  const body = (await req.json().catch(() => ({}))) as { expiresInSeconds?: unknown; quietTenant?: unknown };
  if (body.quietTenant === true) return NextResponse.json(await makeQuietTenantFixture(await getDb()));
  const s = body.expiresInSeconds;
  const expiresInSeconds = typeof s === "number" && s > 0 && s <= 3600 ? Math.floor(s) : undefined;
  return NextResponse.json(await makeAttentionFixture(await getDb(), { expiresInSeconds }));
}
