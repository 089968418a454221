import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { countUnreadNotifications, listNotifications } from "@/db/notifications/queries";
import { getCurrentActor } from "@/lib/server/session";

/** The bell's live data: the unread count and the latest items, for the signed-in person only. */
export async function GET() {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const db = await getDb();
  const [unread, latest] = await Promise.all([countUnreadNotifications(db, actor), listNotifications(db, actor, { limit: 8 })]);
  return NextResponse.json({ unread, items: latest.items }, { headers: { "cache-control": "no-store" } });
}
