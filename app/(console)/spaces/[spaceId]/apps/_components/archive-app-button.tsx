"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { archiveAppAction } from "../actions";

export function ArchiveAppButton({ spaceId, appId, appName }: { spaceId: string; appId: string; appName: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="destructive">Archive app</Button>}
      title={`Archive ${appName}?`}
      consequence={`${appName} stops exposing its personas and every runtime token issued for it is revoked at once.`}
      confirmLabel="Archive app"
      pendingLabel="Archiving…"
      onConfirm={async () => {
        const r = await archiveAppAction({ spaceId, appId });
        if (r.ok) {
          toast.success(`${appName} archived; ${r.data.revokedTokens} token${r.data.revokedTokens === 1 ? "" : "s"} revoked.`);
          router.push(`/spaces/${spaceId}`);
        }
        return r;
      }}
    />
  );
}
