import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { countPendingActions, listPendingActions, listPendingFacets } from "@/db/queries/console";
import { getCurrentActor } from "@/lib/server/session";
import { parseQueueFilters, toPendingFilters } from "@/lib/review-queue-filters";

/**
 * The live review queue: the same access checks as the page (tenant + visible spaces).
 * `?space=<id>` scopes it to one space; a space the actor cannot see reads as empty.
 * The other filters of the page URL (persona, app, environment, capability, risk, age) are
 * applied in SQL too, so `items` is the top of the filtered queue and `total` counts it.
 * `?facets=1` adds what the filters can choose from (every pending action in scope).
 */
export async function GET(req: Request) {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const search = new URL(req.url).searchParams;
  const parsed = parseQueueFilters(search);
  if (!parsed.ok) {
    return NextResponse.json(
      { type: "about:blank", title: "Bad request", status: 400, detail: parsed.error },
      { status: 400, headers: { "content-type": "application/problem+json" } },
    );
  }
  const db = await getDb();
  const q = toPendingFilters(parsed.filters);
  const [items, total, facets] = await Promise.all([
    listPendingActions(db, actor, q),
    countPendingActions(db, actor, q),
    search.get("facets") === "1" ? listPendingFacets(db, actor, { spaceId: q.spaceId }) : undefined,
  ]);
  return NextResponse.json(
    { items, total: total.count, totalCapped: total.capped, ...(facets ? { facets } : {}) },
    { headers: { "cache-control": "no-store" } },
  );
}
