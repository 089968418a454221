import { Badge } from "@/components/ui/badge";
import type { TenantRole } from "@/lib/domain/constants";
import { ROLE_LABELS, labelOf } from "./labels";

export type RoleBadgeProps = { role: TenantRole; className?: string };

/** A person's role: Owner, Operator, Reviewer, Viewer (evaluator). */
export function RoleBadge({ role, className }: RoleBadgeProps) {
  return (
    <Badge variant={role === "owner" ? "accent" : "neutral"} className={className} data-role={role}>
      {labelOf(ROLE_LABELS, role)}
    </Badge>
  );
}
