"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { ENVIRONMENTS } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";
import { archiveSpaceAction } from "../actions";

type State = (ActionResult<{ id: string; revokedTokens: number }> & { values?: Record<string, unknown> }) | undefined;

export function SpaceSettingsForm({
  action,
  initial,
  members,
  teams,
}: {
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: string; revokedTokens: number }>>;
  initial: { spaceId: string; name: string; description: string; environments: string[]; runtimeOwner: string; runtimeHosting: string };
  members: { membershipId: string; name: string }[];
  teams: { id: string; name: string }[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return {
      ...result,
      values: {
        name: fd.get("name"),
        description: fd.get("description"),
        environments: fd.getAll("environments"),
        runtimeOwner: fd.get("runtimeOwner"),
        runtimeHosting: fd.get("runtimeHosting"),
      },
    };
  }, undefined);
  useEffect(() => {
    if (state?.ok) {
      toast.success(
        state.data.revokedTokens
          ? `Saved; ${state.data.revokedTokens} token${state.data.revokedTokens === 1 ? "" : "s"} of removed environments revoked.`
          : "Saved.",
      );
      router.push(`/spaces/${initial.spaceId}`);
    } else if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, router, initial.spaceId]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = (state?.values ?? initial) as Record<string, unknown>;
  const envs = (values.environments as string[]) ?? [];
  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <input type="hidden" name="spaceId" value={initial.spaceId} />
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="space-name" label="Name" error={errors.name}>
        <Input name="name" defaultValue={(values.name as string) ?? ""} maxLength={80} autoComplete="off" />
      </FormField>
      <FormField id="space-description" label="Description" optional error={errors.description}>
        <Textarea name="description" defaultValue={(values.description as string) ?? ""} rows={3} maxLength={500} />
      </FormField>
      <fieldset id="environments" className="flex flex-col gap-2" aria-describedby={`space-envs-hint${errors.environments ? " space-envs-error" : ""}`}>
        <legend className="text-sm font-medium">Environments this space may touch</legend>
        <p id="space-envs-hint" className="text-xs text-muted-foreground">
          Removing an environment revokes the runtime tokens issued for it.
        </p>
        <div className="flex flex-wrap gap-4">
          {ENVIRONMENTS.map((env) => (
            <label key={env} className="flex items-center gap-2 text-sm">
              <Checkbox name="environments" value={env} defaultChecked={envs.includes(env)} aria-invalid={errors.environments ? true : undefined} />
              {env}
            </label>
          ))}
        </div>
        {errors.environments ? (
          <p id="space-envs-error" className="text-xs font-medium text-destructive-text">
            {errors.environments.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <FormField id="runtime-owner" className="scroll-mt-20" label="Runtime owner" error={errors.runtimeOwner} description="The member or team accountable for the runtime; told when something needs them.">
        <NativeSelect name="runtimeOwner" defaultValue={(values.runtimeOwner as string) ?? ""}>
          <option value="">Not named</option>
          {teams.length ? (
            <optgroup label="Teams">
              {teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Members">
            {members.map((m) => (
              <option key={m.membershipId} value={`member:${m.membershipId}`}>
                {m.name}
              </option>
            ))}
          </optgroup>
        </NativeSelect>
      </FormField>
      <FormField id="runtime-hosting" label="Hosting" error={errors.runtimeHosting}>
        <NativeSelect name="runtimeHosting" defaultValue={(values.runtimeHosting as string) ?? "vendor"}>
          <option value="vendor">Hosted by the vendor</option>
          <option value="customer">Hosted by the customer</option>
        </NativeSelect>
      </FormField>
      <div>
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save settings
        </Button>
      </div>
    </form>
  );
}

export function ArchiveSpaceButton({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="destructive">Archive space</Button>}
      title={`Archive ${spaceName}?`}
      consequence="The space leaves the lists and every runtime token issued for it is revoked at once."
      reason={{ label: "Reason for archiving", maxLength: 1000 }}
      confirmLabel="Archive space"
      pendingLabel="Archiving…"
      onConfirm={async ({ reason }) => {
        const r = await archiveSpaceAction({ spaceId, reason });
        if (r.ok) {
          toast.success(`${spaceName} archived.`);
          router.push("/spaces");
        }
        return r.ok ? r : { ok: false, error: r.fieldErrors?.reason?.[0] ?? r.error };
      }}
    />
  );
}
