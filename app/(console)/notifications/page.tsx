import type { Metadata } from "next";
import Link from "next/link";
import { Bell } from "lucide-react";
import { NotificationKindBadge } from "@/components/notifications/notification-kind-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { TabNav } from "@/components/ui/tab-nav";
import { getDb } from "@/db";
import { isUuid } from "@/db/access";
import { countUnreadNotifications, listNotifications } from "@/db/notifications/queries";
import { requireActor } from "@/lib/server/session";
import { cn } from "@/lib/utils";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";
import { MarkAllReadButton, MarkReadButton } from "./_components/notification-read-buttons";

export const metadata: Metadata = { title: "Notifications" };

type Props = { searchParams: Promise<{ show?: string; before?: string }> };

const PAGE_SIZE = 50;

export default async function NotificationsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const sp = await searchParams;
  const unreadOnly = sp.show === "unread";
  const before = sp.before && isUuid(sp.before) ? sp.before : null;
  const db = await getDb();
  const [page, unread] = await Promise.all([
    listNotifications(db, actor, { limit: PAGE_SIZE, before, unreadOnly }),
    countUnreadNotifications(db, actor, 1000),
  ]);
  const base = unreadOnly ? "/notifications?show=unread" : "/notifications";
  const withCursor = (cursor: string) => `${base}${unreadOnly ? "&" : "?"}before=${cursor}`;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Notifications"
        description="What needs you in your spaces: reviews waiting, advances to sign off, pauses and gates that stopped passing. Read state is yours alone."
        actions={<MarkAllReadButton disabled={unread === 0} action={markAllNotificationsReadAction} />}
        className="pb-2"
      />
      <TabNav
        label="Show"
        activeHref={base}
        items={[
          { href: "/notifications", label: "All" },
          { href: "/notifications?show=unread", label: `Unread (${unread >= 1000 ? "999+" : unread})` },
        ]}
      />
      {page.items.length === 0 ? (
        <EmptyState
          icon={Bell}
          title={unreadOnly ? "Nothing unread" : "No notifications yet"}
          description={
            unreadOnly
              ? "You have read everything. New reviews, sign-offs, pauses and failing gates will appear here."
              : "You will be told here when an action waits for your review, an advance waits for your sign-off, a persona is paused or a gate stops passing in your spaces."
          }
          action={
            unreadOnly ? (
              <Link href="/notifications" className="text-sm font-medium text-accent-text hover:underline">
                Show all notifications
              </Link>
            ) : undefined
          }
        />
      ) : (
        <ul aria-label="Notifications" className="divide-y divide-border overflow-hidden rounded-lg border border-border">
          {page.items.map((n) => (
            <li key={n.id} className={cn("flex items-start gap-3 px-4 py-3", !n.read && "bg-accent-subtle/40")}>
              <span
                aria-hidden="true"
                className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.read ? "bg-transparent" : "bg-accent")}
              />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <NotificationKindBadge kind={n.kind} />
                  <span className="max-w-64 truncate" title={n.spaceName}>
                    {n.spaceName}
                  </span>
                  {n.personaName ? (
                    <>
                      <span aria-hidden="true">·</span>
                      <span className="max-w-64 truncate" title={n.personaName}>
                        {n.personaName}
                      </span>
                    </>
                  ) : null}
                  <span aria-hidden="true">·</span>
                  <RelativeTime date={n.createdAt} />
                  {n.read ? <Badge variant="grey">Read</Badge> : <Badge variant="blue">Unread</Badge>}
                </div>
                <Link href={n.href} className={cn("text-sm break-words hover:underline", !n.read && "font-medium")}>
                  {n.title}
                </Link>
                {n.body ? <p className="text-sm break-words text-muted-foreground">{n.body}</p> : null}
              </div>
              {!n.read ? <MarkReadButton notificationId={n.id} title={n.title} action={markNotificationReadAction} /> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        previousHref={before ? base : null}
        nextHref={page.nextCursor ? withCursor(page.nextCursor) : null}
        summary={before ? "Older notifications" : page.items.length ? `Newest ${page.items.length}` : undefined}
      />
    </div>
  );
}
