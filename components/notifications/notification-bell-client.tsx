"use client";
import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Popover } from "radix-ui";
import { Bell, CheckCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { NotificationKind } from "@/lib/notifications/kinds";
import type { ActionResult } from "@/lib/server/authorize";
import { cn } from "@/lib/utils";
import { NotificationKindBadge } from "./notification-kind-badge";

export interface BellItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string;
  createdAt: string;
  read: boolean;
  spaceName: string;
  personaName: string | null;
}

interface BellData {
  unread: number;
  items: BellItem[];
}

/** How often the bell asks for news while the page is open. */
const POLL_MS = 15_000;

export function NotificationBellClient({
  initial,
  markRead,
  markAllRead,
}: {
  initial: BellData;
  markRead: (input: { notificationId: string }) => Promise<ActionResult<{ id: string }>>;
  markAllRead: (input: Record<string, never>) => Promise<ActionResult<{ marked: number }>>;
}) {
  const router = useRouter();
  const [data, setData] = React.useState<BellData>(initial);
  const [open, setOpen] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const refresh = React.useCallback(async () => {
    try {
      const res = await fetch("/api/notifications", { cache: "no-store" });
      if (res.ok) setData((await res.json()) as BellData);
    } catch {
      /* offline: keep what we have */
    }
  }, []);

  React.useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_MS);
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    return () => {
      window.clearInterval(id);
      window.removeEventListener("focus", onFocus);
    };
  }, [refresh]);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setError(null);
    if (next) void refresh();
  };

  const readOne = async (item: BellItem) => {
    if (item.read) return;
    setData((d) => ({ unread: Math.max(0, d.unread - 1), items: d.items.map((i) => (i.id === item.id ? { ...i, read: true } : i)) }));
    const r = await markRead({ notificationId: item.id });
    if (!r.ok) setError(r.error);
  };

  const readAll = async () => {
    const r = await markAllRead({});
    if (!r.ok) return setError(r.error);
    setData((d) => ({ unread: 0, items: d.items.map((i) => ({ ...i, read: true })) }));
    router.refresh();
  };

  const count = data.unread;
  const shown = count > 99 ? "99+" : String(count);
  const label = count > 0 ? `Notifications (${shown} unread)` : "Notifications";

  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={label}>
          <Bell aria-hidden="true" />
          {count > 0 ? (
            <span
              aria-hidden="true"
              data-testid="notification-count"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-accent px-1 text-[10px] leading-none font-semibold text-accent-foreground tabular-nums ring-2 ring-background"
            >
              {shown}
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          aria-label="Notifications"
          className="z-50 flex max-h-[min(32rem,calc(100dvh-4rem))] w-[min(24rem,calc(100vw-1rem))] flex-col overflow-hidden rounded-md border border-border bg-surface text-foreground shadow-lg data-[state=open]:animate-pop-in"
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
            <h2 className="text-sm font-semibold">
              Notifications{count > 0 ? <span className="ml-1 font-normal text-muted-foreground">· {shown} unread</span> : null}
            </h2>
            <Button variant="ghost" size="sm" onClick={() => void readAll()} disabled={count === 0}>
              <CheckCheck aria-hidden="true" />
              Mark all read
            </Button>
          </div>
          {error ? (
            <p role="alert" className="border-b border-border px-3 py-2 text-sm text-destructive">
              {error}
            </p>
          ) : null}
          {data.items.length === 0 ? (
            <div className="px-3 py-8 text-center text-sm text-muted-foreground">
              <p className="font-medium text-foreground">You are all caught up</p>
              <p>Reviews waiting for you, sign-offs, pauses and failing gates will show up here.</p>
            </div>
          ) : (
            <ul aria-label="Latest notifications" className="min-h-0 flex-1 divide-y divide-border overflow-y-auto">
              {data.items.map((item) => (
                <li key={item.id} className={cn("relative", !item.read && "bg-accent-subtle/40")}>
                  <Link
                    href={item.href}
                    onClick={() => {
                      void readOne(item);
                      setOpen(false);
                    }}
                    className="flex flex-col gap-1 px-3 py-2.5 pr-8 outline-none hover:bg-subtle focus-visible:bg-subtle"
                  >
                    <span className="flex items-center gap-2 text-xs text-muted-foreground">
                      <NotificationKindBadge kind={item.kind} />
                      <span className="min-w-0 truncate" title={item.spaceName}>
                        {item.spaceName}
                      </span>
                      <span aria-hidden="true">·</span>
                      <RelativeTime date={item.createdAt} />
                    </span>
                    <span className={cn("line-clamp-2 text-sm break-words", !item.read && "font-medium")}>
                      {item.title}
                      {!item.read ? <span className="sr-only"> (unread)</span> : null}
                    </span>
                    {item.body ? <span className="line-clamp-1 text-xs break-all text-muted-foreground">{item.body}</span> : null}
                  </Link>
                  {!item.read ? (
                    <button
                      type="button"
                      onClick={() => void readOne(item)}
                      aria-label={`Mark read: ${item.title}`}
                      title="Mark read"
                      className="absolute top-3 right-2.5 flex size-4 items-center justify-center rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      <span aria-hidden="true" className="size-2 rounded-full bg-accent" />
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-border px-3 py-2 text-sm">
            <Link href="/notifications" onClick={() => setOpen(false)} className="font-medium text-accent-text hover:underline">
              View all notifications
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
