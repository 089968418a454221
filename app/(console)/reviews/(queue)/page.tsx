import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { countPendingActions, listPendingActions, listPendingFacets } from "@/db/queries/console";
import { queueFiltersFromUrl, toPendingFilters } from "@/lib/review-queue-filters";
import { requireActor } from "@/lib/server/session";
import { Suspense } from "react";
import { can } from "@/lib/domain/permissions";
import { ReviewQueue } from "../_components/review-queue";
import { decideActionAction } from "../actions";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const db = await getDb();
  // The URL's filters, applied in SQL (a bad value reads as "any", as in the browser).
  const q = toPendingFilters(queueFiltersFromUrl(await searchParams));
  const [pending, total, facets] = await Promise.all([
    listPendingActions(db, actor, q),
    countPendingActions(db, actor, q),
    listPendingFacets(db, actor),
  ]);
  // Reviewers and owners decide; the server checks the role in each action's space again.
  const canDecide = can(actor.tenantRole, "actions:decide");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Reviews"
        description="Actions personas proposed that wait for a reviewer, highest risk first, then newest."
        actions={
          <Button asChild variant="outline">
            <Link href="/reviews/history">History</Link>
          </Button>
        }
      />
      <Suspense>
        <ReviewQueue initial={pending} initialTotal={total.count} initialTotalCapped={total.capped} initialFacets={facets} canDecide={canDecide} decide={decideActionAction} />
      </Suspense>
    </div>
  );
}
