import * as React from "react";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "./button";

export type PaginationProps = {
  /** Link to the previous page (keyset cursor in the query), or null/undefined on the first page. */
  previousHref?: string | null;
  /** Link to the next page, or null/undefined on the last page. */
  nextHref?: string | null;
  /** Optional text in the middle, e.g. "Showing 50 of 1,204". */
  summary?: React.ReactNode;
  className?: string;
};

function PageLink({ href, rel, children }: { href?: string | null; rel: "prev" | "next"; children: React.ReactNode }) {
  const cls = cn(buttonVariants({ variant: "outline", size: "sm" }), "gap-1");
  if (!href) {
    return (
      <span role="link" aria-disabled="true" className={cn(cls, "pointer-events-none opacity-50")}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={cls}>
      {children}
    </Link>
  );
}

/** Previous / Next links for keyset pagination. Cursors live in the hrefs, so pages are shareable. */
export function Pagination({ previousHref, nextHref, summary, className }: PaginationProps) {
  if (!previousHref && !nextHref && !summary) return null;
  return (
    <nav aria-label="Pagination" className={cn("flex items-center justify-between gap-3 py-3", className)}>
      <p className="min-w-0 truncate text-xs text-muted-foreground tnum">{summary}</p>
      <div className="flex shrink-0 items-center gap-2">
        <PageLink href={previousHref} rel="prev">
          <ChevronLeft aria-hidden="true" />
          Previous
        </PageLink>
        <PageLink href={nextHref} rel="next">
          Next
          <ChevronRight aria-hidden="true" />
        </PageLink>
      </div>
    </nav>
  );
}
