import { cn } from "@/lib/utils";
import type { Environment } from "@/lib/domain/constants";
import { ENVIRONMENT_LABELS, labelOf } from "./labels";

export type EnvironmentChipProps = { environment: Environment; className?: string };

/** A small labelled chip; production is filled so it stands out from sandbox and staging. */
export function EnvironmentChip({ environment, className }: EnvironmentChipProps) {
  const production = environment === "production";
  return (
    <span
      data-environment={environment}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-px font-mono text-[11px] leading-4 font-medium whitespace-nowrap",
        production
          ? "border-transparent bg-foreground text-background"
          : environment === "staging"
            ? "border-dashed border-input bg-transparent text-foreground"
            : "border-input bg-transparent text-muted-foreground",
        className,
      )}
    >
      {production ? <span aria-hidden="true" className="size-1.5 rounded-full bg-orange-400" /> : null}
      {labelOf(ENVIRONMENT_LABELS, environment)}
    </span>
  );
}
