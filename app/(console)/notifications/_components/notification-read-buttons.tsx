"use client";
import * as React from "react";
import { CheckCheck } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/authorize";

export function MarkReadButton({
  notificationId,
  title,
  action,
}: {
  notificationId: string;
  title: string;
  action: (input: { notificationId: string }) => Promise<ActionResult<{ id: string }>>;
}) {
  const [pending, start] = React.useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      pending={pending}
      aria-label={`Mark read: ${title}`}
      onClick={() =>
        start(async () => {
          const r = await action({ notificationId });
          if (!r.ok) toast.error(r.error);
        })
      }
    >
      Mark read
    </Button>
  );
}

export function MarkAllReadButton({
  disabled,
  action,
}: {
  disabled: boolean;
  action: (input: Record<string, never>) => Promise<ActionResult<{ marked: number }>>;
}) {
  const [pending, start] = React.useTransition();
  return (
    <Button
      variant="outline"
      disabled={disabled}
      pending={pending}
      pendingText="Marking…"
      onClick={() =>
        start(async () => {
          const r = await action({});
          if (!r.ok) toast.error(r.error);
          else toast.success(r.data.marked === 1 ? "1 notification marked read" : `${r.data.marked} notifications marked read`);
        })
      }
    >
      <CheckCheck aria-hidden="true" />
      Mark all read
    </Button>
  );
}
