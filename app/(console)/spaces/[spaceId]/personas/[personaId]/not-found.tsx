import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PersonaNotFound() {
  return (
    <EmptyState
      title="Persona not found"
      description="This persona does not exist, or you do not have access to its space."
      action={
        <Button asChild variant="outline">
          <Link href="/spaces">Back to spaces</Link>
        </Button>
      }
    />
  );
}
