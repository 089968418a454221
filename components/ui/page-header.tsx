import * as React from "react";
import { cn } from "@/lib/utils";

export type PageHeaderProps = {
  title: React.ReactNode;
  /** One line: what this page is for. */
  description?: React.ReactNode;
  /** Primary action (and at most a couple of secondary ones) on the right. */
  actions?: React.ReactNode;
  /** A `<Breadcrumbs>` above the title. */
  breadcrumbs?: React.ReactNode;
  /** Badges next to the title (status, stage, environment). */
  meta?: React.ReactNode;
  className?: string;
};

/** The first thing on every page: the page's `<h1>`, its purpose, its primary action. */
export function PageHeader({ title, description, actions, breadcrumbs, meta, className }: PageHeaderProps) {
  return (
    <header data-slot="page-header" className={cn("flex min-w-0 flex-col gap-2 pb-6", className)}>
      {breadcrumbs}
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1 sm:min-w-72 sm:flex-1">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <h1 className="min-w-0 text-xl leading-7 font-semibold tracking-tight break-words text-foreground">
              {title}
            </h1>
            {meta}
          </div>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {/* Actions wrap onto more lines before they squeeze the title. */}
        {actions ? <div className="flex min-w-0 flex-wrap items-center gap-2 sm:justify-end">{actions}</div> : null}
      </div>
    </header>
  );
}
