import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { countPendingActions, listPendingActions, listPendingFacets } from "@/db/queries/console";
import { queueFiltersFromUrl, toPendingFilters } from "@/lib/review-queue-filters";
import { can } from "@/lib/domain/permissions";
import { getSpaceAccessForRequest, requireSpace } from "@/lib/server/session";
import { ReviewQueue } from "../../../reviews/_components/review-queue";
import { decideActionAction } from "../../../reviews/actions";

type Params = { params: Promise<{ spaceId: string }> };
type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const space = await getSpaceAccessForRequest((await params).spaceId);
  return { title: space ? `Reviews · ${space.spaceName}` : "Space not found" };
}

/** The review queue of one space: the same live queue as /reviews, scoped on the server. */
export default async function SpaceReviewsPage({ params, searchParams }: Params & Search) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  const db = await getDb();
  // The URL's filters, applied in SQL; the space is the page's own (a ?space= in the URL is ignored).
  const q = { ...toPendingFilters(queueFiltersFromUrl(await searchParams)), spaceId };
  const [pending, total, facets] = await Promise.all([
    listPendingActions(db, actor, q),
    countPendingActions(db, actor, q),
    listPendingFacets(db, actor, { spaceId }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: "Reviews" },
            ]}
          />
        }
        title={`Reviews in ${space.spaceName}`}
        description="Actions this space's personas proposed that wait for a reviewer, highest risk first, then newest."
        actions={
          <Button asChild variant="outline">
            <Link href="/reviews">All spaces</Link>
          </Button>
        }
      />
      <Suspense>
        <ReviewQueue initial={pending} initialTotal={total.count} initialTotalCapped={total.capped} initialFacets={facets} canDecide={can(space.role, "actions:decide")} decide={decideActionAction} spaceId={spaceId} />
      </Suspense>
    </div>
  );
}
