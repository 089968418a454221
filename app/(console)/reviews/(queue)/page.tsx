import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listPendingActions } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";
import { ReviewQueue } from "../_components/review-queue";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor();
  const pending = await listPendingActions(await getDb(), actor);
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
      <ReviewQueue initial={pending} />
    </div>
  );
}
