import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { countPendingActions, listPendingActions } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";
import { Suspense } from "react";
import { can } from "@/lib/domain/permissions";
import { ReviewQueue } from "../_components/review-queue";
import { decideActionAction } from "../actions";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor();
  const db = await getDb();
  const [pending, total] = await Promise.all([listPendingActions(db, actor), countPendingActions(db, actor)]);
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
        <ReviewQueue initial={pending} initialTotal={total.count} initialTotalCapped={total.capped} canDecide={canDecide} decide={decideActionAction} />
      </Suspense>
    </div>
  );
}
