"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/server/authorize";

type State = (ActionResult<{ id: string }> & { values?: Record<string, unknown> }) | undefined;

export interface PersonaFormValues {
  name: string;
  purpose: string;
  ownerMembershipId: string | null;
  appIds: string[];
}

export function PersonaForm({
  action,
  spaceId,
  personaId,
  initial,
  members,
  apps,
  maxApps,
  stageLabel,
  submitLabel,
  pendingLabel,
}: {
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
  spaceId: string;
  personaId?: string;
  initial?: PersonaFormValues;
  members: { membershipId: string; name: string }[];
  apps: { id: string; name: string; kind: string }[];
  maxApps: number | null;
  stageLabel: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return {
      ...result,
      values: {
        name: fd.get("name"),
        purpose: fd.get("purpose"),
        ownerMembershipId: fd.get("ownerMembershipId"),
        appIds: fd.getAll("appIds"),
      },
    };
  }, undefined);

  useEffect(() => {
    if (state?.ok) router.push(`/spaces/${spaceId}/personas/${state.data.id}`);
    else if (state && !state.ok) {
      const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
      first?.focus();
    }
  }, [state, router, spaceId]);

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state?.values ?? (initial as unknown as Record<string, unknown> | undefined) ?? {};
  const chosenApps = (values.appIds as string[] | undefined) ?? [];
  const appLimit =
    maxApps === null
      ? `Stage ${stageLabel} allows any number of apps.`
      : `Stage ${stageLabel} allows at most ${maxApps} app${maxApps === 1 ? "" : "s"} to expose a persona.`;

  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      {personaId ? <input type="hidden" name="personaId" value={personaId} /> : null}
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="persona-name" label="Name" error={errors.name}>
        <Input name="name" defaultValue={(values.name as string) ?? ""} maxLength={80} autoComplete="off" />
      </FormField>
      <FormField id="persona-purpose" label="Purpose" optional error={errors.purpose} description="What this persona is for, in one or two sentences.">
        <Textarea name="purpose" defaultValue={(values.purpose as string) ?? ""} rows={3} maxLength={500} />
      </FormField>
      <FormField id="persona-owner" label="Owner" optional error={errors.ownerMembershipId} description="The member accountable for this persona.">
        <NativeSelect name="ownerMembershipId" defaultValue={(values.ownerMembershipId as string) ?? ""}>
          <option value="">No owner yet</option>
          {members.map((m) => (
            <option key={m.membershipId} value={m.membershipId}>
              {m.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <fieldset className="flex flex-col gap-2" aria-describedby={`persona-apps-hint${errors.appIds ? " persona-apps-error" : ""}`}>
        <legend className="text-sm font-medium">Apps that expose it</legend>
        <p id="persona-apps-hint" className="text-xs text-muted-foreground">
          {appLimit}
        </p>
        {apps.length === 0 ? (
          <p className="text-sm text-muted-foreground">This space has no app yet; you can expose the persona later.</p>
        ) : (
          <div className="flex flex-col gap-2">
            {apps.map((a) => (
              <label key={a.id} className="flex items-center gap-2 text-sm">
                <Checkbox name="appIds" value={a.id} defaultChecked={chosenApps.includes(a.id)} aria-invalid={errors.appIds ? true : undefined} />
                <span className="min-w-0 truncate">{a.name}</span>
                <span className="text-xs text-muted-foreground">{a.kind.replace(/_/g, " ")}</span>
              </label>
            ))}
          </div>
        )}
        {errors.appIds ? (
          <p id="persona-apps-error" className="text-xs font-medium text-destructive-text">
            {errors.appIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} pendingText={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
