"use client";
import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/server/authorize";

type FormAction = (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>;

function useForm(action: FormAction, success: string, after?: () => void) {
  const router = useRouter();
  return useActionState<ActionResult<unknown> | undefined, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) {
      toast.success(success);
      after?.();
      router.refresh();
    }
    return r;
  }, undefined);
}

export function RequestAdvanceForm({
  spaceId,
  personaId,
  toLabel,
  gatePassed,
  canOverride,
  action,
}: {
  spaceId: string;
  personaId: string;
  toLabel: string;
  gatePassed: boolean;
  canOverride: boolean;
  action: FormAction;
}) {
  const [state, formAction, pending] = useForm(action, `Advance to ${toLabel} requested. An owner signs it off.`);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (!gatePassed && !canOverride) {
    return <p className="text-sm text-muted-foreground">The gate must pass before you can request {toLabel}. An owner may override it in writing.</p>;
  }
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="personaId" value={personaId} />
      {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
      <FormField id="advance-reason" label={`Why advance to ${toLabel}?`} error={errors.reason}>
        <Textarea name="reason" rows={2} />
      </FormField>
      {!gatePassed ? (
        <FormField id="advance-override" label="Override justification (the gate fails)" description="Recorded as an owner override, with your name." error={errors.overrideJustification}>
          <Textarea name="overrideJustification" rows={2} />
        </FormField>
      ) : null}
      <div>
        <Button type="submit" pending={pending} pendingText="Requesting…">
          {gatePassed ? `Request ${toLabel}` : `Override and request ${toLabel}`}
        </Button>
      </div>
    </form>
  );
}

export function SignOffForm({
  spaceId,
  stageChangeId,
  toLabel,
  needsJustification,
  restore,
  signOff,
  reject,
}: {
  spaceId: string;
  stageChangeId: string;
  toLabel: string;
  needsJustification: string | null;
  /** Offered when a rollback from this stage kept a snapshot: what restoring it would change. */
  restore?: { dateLabel: string; items: string[] } | null;
  signOff: FormAction;
  reject: FormAction;
}) {
  const [state, formAction, pending] = useForm(signOff, `Signed off: now at ${toLabel}.`);
  const [rState, rejectAction, rPending] = useForm(reject, "Request rejected.");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-col gap-3" noValidate>
        <input type="hidden" name="spaceId" value={spaceId} />
        <input type="hidden" name="stageChangeId" value={stageChangeId} />
        {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
        <FormField id="signoff-note" label="Sign-off note" error={errors.note}>
          <Textarea name="note" rows={2} />
        </FormField>
        {needsJustification ? (
          <FormField id="signoff-override" label="Override justification" description={needsJustification} error={errors.overrideJustification}>
            <Textarea name="overrideJustification" rows={2} />
          </FormField>
        ) : null}
        {restore ? (
          <fieldset className="flex flex-col gap-1.5 rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">Grants from before the rollback</legend>
            <label className="flex items-start gap-2 text-sm">
              <Checkbox name="restoreSnapshot" value="on" aria-describedby="restore-items" className="mt-0.5" />
              <span>Restore the grants from before the rollback on {restore.dateLabel}</span>
            </label>
            <ul id="restore-items" aria-label="Grants that will be restored" className="list-disc pl-9 text-sm text-muted-foreground">
              {restore.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p className="text-xs text-muted-foreground">Each grant is kept within {toLabel}&apos;s bounds; applied with the sign-off, audited per grant.</p>
          </fieldset>
        ) : null}
        <div>
          <Button type="submit" pending={pending} pendingText="Signing off…">
            Sign off {toLabel}
          </Button>
        </div>
      </form>
      <form onSubmit={keepValuesOnSubmit(rejectAction)} className="flex flex-col gap-2 border-t border-border pt-3" noValidate>
        <input type="hidden" name="spaceId" value={spaceId} />
        <input type="hidden" name="stageChangeId" value={stageChangeId} />
        {rState && !rState.ok && !rState.fieldErrors ? <FormError message={rState.error} /> : null}
        <FormField id="reject-note" label="Or reject it, saying why" error={rState && !rState.ok ? rState.fieldErrors?.note : undefined}>
          <Textarea name="note" rows={2} />
        </FormField>
        <div>
          <Button type="submit" variant="outline" pending={rPending} pendingText="Rejecting…">
            Reject request
          </Button>
        </div>
      </form>
    </div>
  );
}

export function RollbackDialog({
  spaceId,
  personaId,
  fromLabel,
  toLabel,
  changes,
  apps,
  maxApps,
  action,
}: {
  spaceId: string;
  personaId: string;
  fromLabel: string;
  toLabel: string;
  changes: string[];
  apps: { id: string; name: string }[];
  maxApps: number | null;
  action: FormAction;
}) {
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState<string[]>(() => apps.slice(0, maxApps ?? apps.length).map((a) => a.id));
  const [state, formAction, pending] = useForm(action, `Rolled back to ${toLabel}.`, () => setOpen(false));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="destructive">Roll back to {toLabel}</Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Roll back from {fromLabel} to {toLabel}?</DialogTitle>
          <DialogDescription>It applies at once: the runtime&apos;s next request sees the lower stage. A snapshot of today&apos;s grants is kept, so a later advance can restore them.</DialogDescription>
        </DialogHeader>
        <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="spaceId" value={spaceId} />
          <input type="hidden" name="personaId" value={personaId} />
          {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
          <section aria-labelledby="rollback-changes">
            <h3 id="rollback-changes" className="text-sm font-medium">
              What changes
            </h3>
            {changes.length === 0 ? (
              <p className="text-sm text-muted-foreground">No capability grant exceeds {toLabel}&apos;s bounds.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5 text-sm">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </section>
          <fieldset className="flex flex-col gap-1.5">
            <legend className="text-sm font-medium">
              Apps that keep exposing the persona {maxApps === null ? "" : `(at most ${maxApps})`}
            </legend>
            {apps.map((a) => (
              <label key={a.id} className="flex items-center gap-2 text-sm">
                <Checkbox
                  name="keepAppIds"
                  value={a.id}
                  checked={keep.includes(a.id)}
                  onChange={(e) => setKeep(e.currentTarget.checked ? [...keep, a.id] : keep.filter((k) => k !== a.id))}
                />
                {a.name}
              </label>
            ))}
            {errors.keepAppIds ? <p className="text-sm text-destructive-text">{errors.keepAppIds.join(" ")}</p> : null}
          </fieldset>
          <FormField id="rollback-reason" label="Reason" error={errors.reason}>
            <Textarea name="reason" rows={2} />
          </FormField>
          <DialogFooter>
            <Button type="submit" variant="destructive" pending={pending} pendingText="Rolling back…">
              Confirm rollback
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
