"use client";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/server/authorize";

export function DeleteMemoryButton({
  spaceId,
  personaId,
  memoryItemId,
  memoryKey,
  action,
}: {
  spaceId: string;
  personaId: string;
  memoryItemId: string;
  memoryKey: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm">
          Delete<span className="sr-only"> memory {memoryKey}</span>
        </Button>
      }
      title={`Delete ${memoryKey}?`}
      consequence="The persona forgets it: its next read of this key finds nothing."
      confirmLabel="Delete memory item"
      onConfirm={async () => {
        const r = await action({ spaceId, personaId, memoryItemId });
        if (r.ok) toast.success(`${memoryKey} deleted.`);
        return r;
      }}
    />
  );
}
