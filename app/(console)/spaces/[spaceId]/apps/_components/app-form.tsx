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
import { APP_KINDS } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";

type State = (ActionResult<{ id: string }> & { values?: Record<string, unknown> }) | undefined;

export const APP_KIND_LABELS: Record<(typeof APP_KINDS)[number], string> = {
  web_widget: "Web widget",
  api: "API",
  chat: "Chat",
  internal_tool: "Internal tool",
  mobile: "Mobile app",
  other: "Other",
};

export function AppForm({
  action,
  spaceId,
  appId,
  initial,
  personas,
  submitLabel,
  pendingLabel,
}: {
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
  spaceId: string;
  appId?: string;
  initial?: { name: string; kind: string; description: string; personaIds: string[] };
  personas: { id: string; name: string; stageLabel: string }[];
  submitLabel: string;
  pendingLabel: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return {
      ...result,
      values: { name: fd.get("name"), kind: fd.get("kind"), description: fd.get("description"), personaIds: fd.getAll("personaIds") },
    };
  }, undefined);

  useEffect(() => {
    if (state?.ok) router.push(`/spaces/${spaceId}`);
    else if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, router, spaceId]);

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state?.values ?? (initial as unknown as Record<string, unknown> | undefined) ?? {};
  const chosen = (values.personaIds as string[] | undefined) ?? [];

  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      {appId ? <input type="hidden" name="appId" value={appId} /> : null}
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="app-name" label="Name" error={errors.name}>
        <Input name="name" defaultValue={(values.name as string) ?? ""} maxLength={80} autoComplete="off" />
      </FormField>
      <FormField id="app-kind" label="Kind" error={errors.kind} description="The surface through which people reach the persona.">
        <NativeSelect name="kind" defaultValue={(values.kind as string) ?? "web_widget"}>
          {APP_KINDS.map((k) => (
            <option key={k} value={k}>
              {APP_KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="app-description" label="Description" optional error={errors.description}>
        <Textarea name="description" defaultValue={(values.description as string) ?? ""} rows={3} maxLength={500} />
      </FormField>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.personaIds ? "app-personas-error" : undefined}>
        <legend className="text-sm font-medium">Personas it exposes</legend>
        {personas.length === 0 ? (
          <p className="text-sm text-muted-foreground">This space has no persona yet.</p>
        ) : (
          personas.map((p) => (
            <label key={p.id} className="flex items-center gap-2 text-sm">
              <Checkbox name="personaIds" value={p.id} defaultChecked={chosen.includes(p.id)} aria-invalid={errors.personaIds ? true : undefined} />
              <span className="min-w-0 truncate">{p.name}</span>
              <span className="text-xs text-muted-foreground">{p.stageLabel}</span>
            </label>
          ))
        )}
        {errors.personaIds ? (
          <p id="app-personas-error" className="text-xs font-medium text-destructive-text">
            {errors.personaIds.join(" ")}
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
