import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listPendingActions } from "@/db/queries/console";
import { getCurrentActor } from "@/lib/server/session";

/** The live review queue: the same access checks as the page (tenant + visible spaces). */
export async function GET() {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const items = await listPendingActions(await getDb(), actor);
  return NextResponse.json({ items }, { headers: { "cache-control": "no-store" } });
}
