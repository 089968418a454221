"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/server/authorize";
import { NewTokenNotice } from "./new-token-notice";

type Rotated = { id: string; token: string; prefix: string; graceEndsAt: string };

export function TokenRowActions({
  spaceId,
  tokenId,
  name,
  canRotate,
  canRevoke,
  graceHours,
  revoke,
  rotate,
}: {
  spaceId: string;
  tokenId: string;
  name: string;
  canRotate: boolean;
  canRevoke: boolean;
  graceHours: number;
  revoke: (input: { spaceId: string; tokenId: string }) => Promise<ActionResult<{ id: string }>>;
  rotate: (input: { spaceId: string; tokenId: string }) => Promise<ActionResult<Rotated>>;
}) {
  const [rotated, setRotated] = useState<Rotated | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {canRotate ? (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Rotate ${name}`}>
                Rotate
              </Button>
            }
            title={`Rotate “${name}”?`}
            consequence={`A new token is issued now. The current one keeps working for ${graceHours} hours, then stops.`}
            confirmLabel="Rotate token"
            destructive={false}
            onConfirm={async () => {
              const r = await rotate({ spaceId, tokenId });
              if (r.ok) setRotated(r.data);
              return r;
            }}
          />
        ) : null}
        {canRevoke ? (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Revoke ${name}`}>
                Revoke
              </Button>
            }
            title={`Revoke “${name}”?`}
            consequence="The runtime using it is refused from its very next request. This cannot be undone."
            confirmLabel="Revoke token"
            onConfirm={() => revoke({ spaceId, tokenId })}
          />
        ) : null}
      </div>
      {rotated ? <NewTokenNotice token={rotated.token} title="The replacement token" /> : null}
    </div>
  );
}
