"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Check, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/server/authorize";
import type { DecideResult } from "@/db/mutations/reviews";

type Decide = (input: unknown) => Promise<ActionResult<DecideResult>>;

function announce(r: ActionResult<DecideResult>) {
  if (!r.ok) return toast.error(r.error);
  const d = r.data;
  if (d.status === "approved") toast.success("Approved. The runtime may go ahead.");
  else if (d.status === "rejected") toast.success("Rejected. The runtime receives your comment.");
  else if (d.status === "expired") toast.error("This action expired before it was decided; it cannot be approved any more.");
  else if (d.status === "pending") toast.success(`Your approval is recorded. ${d.approvalsRemaining} more approval from another reviewer is needed.`);
}

export function DecideButtons({ spaceId, actionId, action }: { spaceId: string; actionId: string; action: Decide }) {
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        pending={pending}
        pendingText="Approving…"
        onClick={() =>
          start(async () => {
            announce(await action({ spaceId, actionId, decision: "approve" }));
            router.refresh();
          })
        }
      >
        <Check aria-hidden="true" /> Approve
      </Button>
      <ConfirmDialog
        trigger={
          <Button variant="outline">
            <X aria-hidden="true" /> Reject
          </Button>
        }
        title="Reject this action?"
        consequence="The persona will not do it. Any rejection ends the review, whatever approvals came before."
        confirmLabel="Reject action"
        reason={{ label: "Comment for the runtime", description: "Required. The runtime reads it through the API.", maxLength: 2000 }}
        onConfirm={async ({ reason }) => {
          const r = await action({ spaceId, actionId, decision: "reject", comment: reason });
          if (r.ok) {
            announce(r);
            router.refresh();
          }
          return r;
        }}
      />
    </div>
  );
}
