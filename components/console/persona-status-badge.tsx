import { CirclePause } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { PersonaStatus } from "@/lib/domain/constants";
import { PERSONA_STATUS_LABELS, labelOf } from "./labels";

export type PersonaStatusBadgeProps = { status: PersonaStatus; className?: string };

/** Paused is a red outline with a pause icon (shown everywhere the persona appears); active is green. */
export function PersonaStatusBadge({ status, className }: PersonaStatusBadgeProps) {
  const paused = status === "paused";
  return (
    <Badge variant={paused ? "outline-red" : "green"} className={className} data-status={status}>
      {paused ? <CirclePause aria-hidden="true" /> : null}
      {labelOf(PERSONA_STATUS_LABELS, status)}
    </Badge>
  );
}
