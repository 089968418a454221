import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";

export default function SpaceNotFound() {
  return (
    <EmptyState
      title="Space not found"
      description="This space does not exist, or you do not have access to it."
      action={
        <Button asChild variant="outline">
          <Link href="/spaces">Back to spaces</Link>
        </Button>
      }
    />
  );
}
