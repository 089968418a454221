import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ReportNotFound() {
  return (
    <EmptyState
      title="Report not found"
      description="This persona or space does not exist, or you do not have access to its space."
      action={
        <Button asChild variant="outline">
          <Link href="/reports">Back to pilot reports</Link>
        </Button>
      }
    />
  );
}
