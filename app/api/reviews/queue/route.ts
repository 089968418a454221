import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { countPendingActions, listPendingActions } from "@/db/queries/console";
import { getCurrentActor } from "@/lib/server/session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live review queue: the same access checks as the page (tenant + visible spaces).
 * `?space=<id>` scopes it to one space; a space the actor cannot see reads as empty.
 */
export async function GET(req: Request) {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const space = new URL(req.url).searchParams.get("space");
  if (space !== null && !UUID.test(space)) {
    return NextResponse.json(
      { type: "about:blank", title: "Bad request", status: 400, detail: "space must be a space id." },
      { status: 400, headers: { "content-type": "application/problem+json" } },
    );
  }
  const db = await getDb();
  const q = { spaceId: space ?? undefined };
  const [items, total] = await Promise.all([listPendingActions(db, actor, q), countPendingActions(db, actor, q)]);
  return NextResponse.json({ items, total: total.count, totalCapped: total.capped }, { headers: { "cache-control": "no-store" } });
}
