"use client";
import * as React from "react";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import type { ActionResult } from "@/lib/server/authorize";

type Saved = { id: string; secret: string | null };
type State = ActionResult<Saved> | undefined;

/** The signing secret in clear, shown exactly once after it is made. */
export function NewSecretNotice({ secret }: { secret: string }) {
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-green-600/40 bg-green-50 p-3 text-sm dark:bg-green-950/30">
      <p className="font-medium">Your signing secret</p>
      <p className="text-muted-foreground">Copy it into your receiver now: it is shown only once. It is stored encrypted.</p>
      <div className="flex items-center gap-2">
        <code data-testid="webhook-secret" className="min-w-0 flex-1 rounded bg-background px-2 py-1 font-mono text-xs break-all">
          {secret}
        </code>
        <CopyButton value={secret} label="signing secret" showText withToast />
      </div>
    </div>
  );
}

export function WebhookForm({
  spaceId,
  initial,
  action,
}: {
  spaceId: string;
  initial: { url: string; enabled: boolean } | null;
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<Saved>>;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) toast.success(initial ? "Webhook saved" : "Webhook created");
    return r;
  }, undefined);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formRef = React.useRef<HTMLFormElement>(null);
  React.useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);
  return (
    <div className="flex flex-col gap-4">
      {state?.ok && state.data.secret ? <NewSecretNotice secret={state.data.secret} /> : null}
      <form ref={formRef} onSubmit={keepValuesOnSubmit(formAction)} className="flex max-w-xl flex-col gap-5" noValidate aria-label="Webhook">
        <input type="hidden" name="spaceId" value={spaceId} />
        {state && !state.ok ? <FormError message={state.error} /> : null}
        <FormField
          id="webhook-url"
          label="Payload URL"
          error={errors.url}
          description="Every notification of this space is POSTed here as JSON, signed with HMAC-SHA256 (Persona-Signature header)."
        >
          <Input name="url" type="url" inputMode="url" defaultValue={initial?.url ?? ""} placeholder="https://hooks.example.com/persona" autoComplete="off" spellCheck={false} />
        </FormField>
        <div className="flex items-center gap-2">
          <Checkbox id="webhook-enabled" name="enabled" defaultChecked={initial?.enabled ?? true} />
          <label htmlFor="webhook-enabled" className="text-sm">
            Deliver notifications (uncheck to pause deliveries; nothing is queued while paused)
          </label>
        </div>
        <div>
          <Button type="submit" pending={pending} pendingText="Saving…">
            {initial ? "Save webhook" : "Create webhook"}
          </Button>
        </div>
      </form>
    </div>
  );
}

export function WebhookDangerZone({
  spaceId,
  rotate,
  remove,
}: {
  spaceId: string;
  rotate: (input: { spaceId: string }) => Promise<ActionResult<{ id: string; secret: string }>>;
  remove: (input: { spaceId: string }) => Promise<ActionResult<{ id: string }>>;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {secret ? <NewSecretNotice secret={secret} /> : null}
      <div className="flex flex-wrap gap-2">
        <ConfirmDialog
          trigger={<Button variant="outline">Rotate signing secret</Button>}
          title="Rotate the signing secret?"
          consequence="Deliveries are signed with the new secret at once; your receiver rejects them until you give it the new one."
          confirmLabel="Rotate secret"
          pendingLabel="Rotating…"
          onConfirm={async () => {
            const r = await rotate({ spaceId });
            if (r.ok) setSecret(r.data.secret);
            return r;
          }}
        />
        <ConfirmDialog
          trigger={<Button variant="destructive">Remove webhook</Button>}
          title="Remove the webhook?"
          consequence="Notifications of this space stop being delivered, and the delivery history is deleted."
          confirmLabel="Remove webhook"
          pendingLabel="Removing…"
          onConfirm={async () => {
            const r = await remove({ spaceId });
            if (r.ok) toast.success("Webhook removed");
            return r;
          }}
        />
      </div>
    </div>
  );
}
