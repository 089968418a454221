"use client";
import { useEffect } from "react";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState
      iconElement={<TriangleAlert aria-hidden="true" className="size-6 text-destructive-text" />}
      title="This page could not be loaded"
      description={`Something went wrong on our side${error.digest ? ` (ref ${error.digest})` : ""}. Try again; if it keeps failing, tell your administrator the reference.`}
      action={
        <Button variant="outline" onClick={reset}>
          Try again
        </Button>
      }
    />
  );
}
