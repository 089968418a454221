import { getDb } from "@/db";
import { countUnreadNotifications, listNotifications } from "@/db/notifications/queries";
import type { Actor } from "@/lib/actor";
import { NotificationBellClient } from "@/components/notifications/notification-bell-client";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

/** The top bar's bell: server-rendered with the current count, then kept live by the client. */
export async function NotificationBell({ actor }: { actor: Actor }) {
  const db = await getDb();
  const [unread, latest] = await Promise.all([countUnreadNotifications(db, actor), listNotifications(db, actor, { limit: 8 })]);
  return (
    <NotificationBellClient
      initial={{ unread, items: latest.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) }}
      markRead={markNotificationReadAction}
      markAllRead={markAllNotificationsReadAction}
    />
  );
}
