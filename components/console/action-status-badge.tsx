import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { ActionStatus } from "@/lib/domain/constants";
import { ACTION_STATUS_LABELS, labelOf } from "./labels";

const VARIANT: Record<ActionStatus, BadgeVariant> = {
  pending: "blue",
  approved: "green",
  succeeded: "green",
  rejected: "red",
  denied: "red",
  failed: "red",
  expired: "grey",
  cancelled: "grey",
};

export type ActionStatusBadgeProps = { status: ActionStatus; className?: string };

/** Action status: pending blue, approved/succeeded green, rejected/denied/failed red, expired/cancelled grey. */
export function ActionStatusBadge({ status, className }: ActionStatusBadgeProps) {
  return (
    <Badge variant={VARIANT[status] ?? "neutral"} className={className} data-status={status}>
      {labelOf(ACTION_STATUS_LABELS, status)}
    </Badge>
  );
}
