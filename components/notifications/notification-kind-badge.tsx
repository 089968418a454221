import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/notifications/kinds";

const VARIANT: Record<NotificationKind, BadgeVariant> = {
  review_waiting: "blue",
  advance_waiting: "accent",
  persona_paused: "outline-red",
  gate_failed: "amber",
};

export function NotificationKindBadge({ kind }: { kind: NotificationKind }) {
  return <Badge variant={VARIANT[kind]}>{NOTIFICATION_KIND_LABELS[kind]}</Badge>;
}
