import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { Risk } from "@/lib/domain/constants";
import { RISK_LABELS, labelOf } from "./labels";

const VARIANT: Record<Risk, BadgeVariant> = { low: "neutral", medium: "amber", high: "red" };

export type RiskBadgeProps = {
  risk: Risk;
  /** Show "Low" instead of "Low risk" (in a column already titled "Risk"). */
  short?: boolean;
  className?: string;
};

/** Risk as text and colour: low neutral, medium amber, high red. */
export function RiskBadge({ risk, short = false, className }: RiskBadgeProps) {
  const label = labelOf(RISK_LABELS, risk);
  return (
    <Badge variant={VARIANT[risk] ?? "neutral"} className={className} data-risk={risk}>
      {short ? label.replace(/ risk$/, "") : label}
    </Badge>
  );
}
