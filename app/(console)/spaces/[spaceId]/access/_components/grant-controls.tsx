"use client";
import { useActionState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { SPACE_ROLES } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";

export function GrantForm({
  spaceId,
  members,
  teams,
  action,
}: {
  spaceId: string;
  members: { membershipId: string; name: string; role: string }[];
  teams: { id: string; name: string }[];
  action: (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | undefined, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) toast.success("Access granted.");
    return r;
  }, undefined);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-wrap items-start gap-3" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} className="w-full" /> : null}
      <FormField id="grant-grantee" label="Member or team" error={errors.grantee} className="min-w-64">
        <NativeSelect name="grantee" defaultValue="">
          <option value="">Choose…</option>
          <optgroup label="Teams">
            {teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {t.name} (team)
              </option>
            ))}
          </optgroup>
          <optgroup label="Members">
            {members.map((m) => (
              <option key={m.membershipId} value={`member:${m.membershipId}`}>
                {m.name} ({m.role})
              </option>
            ))}
          </optgroup>
        </NativeSelect>
      </FormField>
      <FormField id="grant-role" label="Space role" error={errors.role} className="min-w-40">
        <NativeSelect name="role" defaultValue="viewer">
          {SPACE_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <Button type="submit" className="mt-6" pending={pending} pendingText="Granting…">
        Grant access
      </Button>
    </form>
  );
}

export function RevokeGrantButton({
  spaceId,
  grantId,
  name,
  action,
}: {
  spaceId: string;
  grantId: string;
  name: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm">
          Revoke<span className="sr-only"> access of {name}</span>
        </Button>
      }
      title={`Revoke ${name}'s access?`}
      consequence={`${name} no longer sees this space from their next request (unless another grant still reaches them).`}
      confirmLabel="Revoke access"
      onConfirm={async () => {
        const r = await action({ spaceId, grantId });
        if (r.ok) toast.success(`Access of ${name} revoked.`);
        return r;
      }}
    />
  );
}
