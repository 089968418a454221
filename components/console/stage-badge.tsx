import { cn } from "@/lib/utils";
import type { Stage } from "@/lib/domain/constants";
import { STAGE_LABELS, labelOf, stageStep } from "./labels";

export type StageBadgeProps = { stage: Stage; className?: string };

/** Rollout stage with its position: "Bounded production 2/4" and a four-step indicator. */
export function StageBadge({ stage, className }: StageBadgeProps) {
  const { step, total } = stageStep(stage);
  const known = step > 0;
  return (
    <span
      data-stage={stage}
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded-md border border-border bg-surface px-1.5 py-px text-xs leading-4 font-medium whitespace-nowrap text-foreground",
        className,
      )}
    >
      {known ? (
        <span aria-hidden="true" className="flex items-center gap-0.5">
          {Array.from({ length: total }, (_, i) => (
            <span key={i} className={cn("h-2 w-1 rounded-[1px]", i < step ? "bg-accent" : "bg-input")} />
          ))}
        </span>
      ) : null}
      {labelOf(STAGE_LABELS, stage)}
      {known ? (
        <>
          <span aria-hidden="true" className="text-muted-foreground tnum">
            {step}/{total}
          </span>
          <span className="sr-only">
            , stage {step} of {total}
          </span>
        </>
      ) : null}
    </span>
  );
}
