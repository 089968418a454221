import * as React from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export type EmptyStateProps = {
  /** A lucide icon component (server components only), or any element via `iconElement`. */
  icon?: LucideIcon;
  iconElement?: React.ReactNode;
  title: string;
  /** What to do next, in one or two sentences. */
  description: React.ReactNode;
  /** The next step, usually a `<Button>` (or `<Button asChild><Link/></Button>`). */
  action?: React.ReactNode;
  /** Heading level of the title; default h2. */
  headingLevel?: "h2" | "h3";
  className?: string;
};

/** Shown instead of an empty list: says why it is empty and what to do next. */
export function EmptyState({
  icon: Icon,
  iconElement,
  title,
  description,
  action,
  headingLevel: Heading = "h2",
  className,
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-border px-6 py-10 text-center",
        className,
      )}
    >
      {Icon || iconElement ? (
        <div className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5">
          {Icon ? <Icon aria-hidden="true" /> : iconElement}
        </div>
      ) : null}
      <div className="flex max-w-sm flex-col gap-1">
        <Heading className="text-sm font-semibold text-foreground">{title}</Heading>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      {action ? <div className="mt-1 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
