"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/server/authorize";
import { removeConnectionAction } from "../actions";

type FormAction = (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
// Submitted credentials are never kept in state nor echoed back.
type State = (ActionResult<{ id: string }> & { values?: Record<string, unknown> }) | undefined;

const CREDENTIALS_HELP = 'A JSON object, e.g. {"apiKey": "…", "baseUrl": "…"}. Stored encrypted; never shown again.';

export function CreateConnectionForm({
  action,
  spaceId,
  types,
  environments,
}: {
  action: FormAction;
  spaceId: string;
  types: { key: string; name: string }[];
  environments: string[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return { ...result, values: { type: fd.get("type"), name: fd.get("name"), environment: fd.get("environment") } };
  }, undefined);
  useEffect(() => {
    if (state?.ok) router.push(`/spaces/${spaceId}`);
    else if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, router, spaceId]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state?.values ?? {};
  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="conn-type" label="System type" error={errors.type}>
        <NativeSelect name="type" defaultValue={(values.type as string) ?? types[0]?.key}>
          {types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="conn-name" label="Name" error={errors.name} description="Which system this is, e.g. “Salesforce sandbox”.">
        <Input name="name" defaultValue={(values.name as string) ?? ""} maxLength={80} autoComplete="off" />
      </FormField>
      <FormField id="conn-env" label="Environment" error={errors.environment} description="A sandbox CRM is not the production CRM: one connection per environment.">
        <NativeSelect name="environment" defaultValue={(values.environment as string) ?? environments[0]}>
          {environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="conn-credentials" label="Credentials" optional error={errors.credentials} description={CREDENTIALS_HELP}>
        <Textarea name="credentials" rows={4} autoComplete="off" spellCheck={false} className="font-mono" />
      </FormField>
      <div>
        <Button type="submit" pending={pending} pendingText="Connecting…">
          Connect
        </Button>
      </div>
    </form>
  );
}

export function ReplaceCredentialsForm({ action, spaceId, connectionId }: { action: FormAction; spaceId: string; connectionId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => action(prev, fd), undefined);
  useEffect(() => {
    if (state?.ok) {
      toast.success("Credentials replaced.");
      formRef.current?.reset();
    }
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="connectionId" value={connectionId} />
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="conn-new-credentials" label="New credentials" error={errors.credentials} description={CREDENTIALS_HELP}>
        <Textarea name="credentials" rows={4} autoComplete="off" spellCheck={false} className="font-mono" />
      </FormField>
      <div>
        <Button type="submit" pending={pending} pendingText="Replacing…">
          Replace credentials
        </Button>
      </div>
    </form>
  );
}

export function RemoveConnectionButton({ spaceId, connectionId, name }: { spaceId: string; connectionId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="destructive">Remove connection</Button>}
      title={`Remove ${name}?`}
      consequence="Its credentials are deleted and the capability it served is disabled in its environment for every persona of the space."
      confirmLabel="Remove connection"
      pendingLabel="Removing…"
      onConfirm={async () => {
        const r = await removeConnectionAction({ spaceId, connectionId });
        if (r.ok) {
          toast.success(`${name} removed.`);
          router.push(`/spaces/${spaceId}`);
        }
        return r;
      }}
    />
  );
}
