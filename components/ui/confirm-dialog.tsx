"use client";

import * as React from "react";
import { AlertDialog } from "radix-ui";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { dialogContentClass, dialogOverlayClass } from "./dialog";
import { FormError } from "./form-error";
import { FormField } from "./form-field";
import { Textarea } from "./textarea";

export type ConfirmDialogReason = {
  /** Visible label of the textarea, e.g. "Reason for pausing". */
  label: string;
  description?: string;
  placeholder?: string;
  /** Default true: confirming without a reason shows an error under the field. */
  required?: boolean;
  maxLength?: number;
};

/** What `onConfirm` may return: nothing, or an action result (`{ ok: false, error }` keeps the dialog open). */
export type ConfirmResult = void | undefined | { ok: boolean; error?: string };

export type ConfirmDialogProps = {
  /** The element that opens the dialog (rendered with `asChild`), e.g. a `<Button>`. Omit when controlled. */
  trigger?: React.ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: React.ReactNode;
  /** The consequence, in one sentence: "Pausing stops every action of Ada until someone resumes it." */
  consequence: React.ReactNode;
  /** The confirm button's text; name the action ("Pause persona"), never just "OK". */
  confirmLabel: string;
  pendingLabel?: string;
  cancelLabel?: string;
  /** Ask for a reason in a labelled textarea. */
  reason?: ConfirmDialogReason;
  /** Destructive (red) confirm button; default true. */
  destructive?: boolean;
  /**
   * Called with the reason. May be a server action bound to its ids
   * (`pausePersona.bind(null, personaId)`). Closes on success; a returned `{ ok: false, error }`
   * or a thrown error is shown inside the dialog.
   */
  onConfirm: (input: { reason?: string }) => ConfirmResult | Promise<ConfirmResult>;
};

function isFrameworkSignal(e: unknown): boolean {
  // redirect() / notFound() travel as errors with a NEXT_* digest; let them through.
  return (
    typeof e === "object" &&
    e !== null &&
    "digest" in e &&
    typeof (e as { digest: unknown }).digest === "string" &&
    (e as { digest: string }).digest.startsWith("NEXT_")
  );
}

/** A confirmation for consequential actions: states the consequence, optionally asks why. */
export function ConfirmDialog({
  trigger,
  open: openProp,
  onOpenChange,
  title,
  consequence,
  confirmLabel,
  pendingLabel,
  cancelLabel = "Cancel",
  reason,
  destructive = true,
  onConfirm,
}: ConfirmDialogProps) {
  const [openState, setOpenState] = React.useState(false);
  const open = openProp ?? openState;
  const [pending, startTransition] = React.useTransition();
  const [reasonError, setReasonError] = React.useState<string | null>(null);
  const [formError, setFormError] = React.useState<string | null>(null);
  const textareaRef = React.useRef<HTMLTextAreaElement>(null);
  const fieldId = React.useId();
  const reasonRequired = reason ? reason.required !== false : false;

  const setOpen = (next: boolean) => {
    if (pending && !next) return; // keep it open while the action runs
    if (!next) {
      setReasonError(null);
      setFormError(null);
    }
    if (openProp === undefined) setOpenState(next);
    onOpenChange?.(next);
  };

  const handleSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = reason ? (new FormData(event.currentTarget).get("reason")?.toString().trim() ?? "") : undefined;
    if (reason && reasonRequired && !text) {
      setReasonError("Enter a reason.");
      textareaRef.current?.focus();
      return;
    }
    setReasonError(null);
    setFormError(null);
    startTransition(async () => {
      try {
        const result = await onConfirm({ reason: text || undefined });
        if (result && typeof result === "object" && result.ok === false) {
          setFormError(result.error ?? "Something went wrong. Try again.");
          return;
        }
        if (openProp === undefined) setOpenState(false);
        onOpenChange?.(false);
      } catch (e) {
        if (isFrameworkSignal(e)) throw e;
        setFormError("Something went wrong. Try again.");
      }
    });
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialogOverlayClass} />
        <AlertDialog.Content
          className={cn(dialogContentClass)}
          onOpenAutoFocus={(event) => {
            // With a reason to write, start there; otherwise Radix focuses Cancel (the safe choice).
            if (reason) {
              event.preventDefault();
              textareaRef.current?.focus();
            }
          }}
        >
          <form onSubmit={handleSubmit} noValidate className="grid gap-4" aria-busy={pending || undefined}>
            <div className="flex flex-col gap-1.5">
              <AlertDialog.Title className="text-base leading-6 font-semibold">{title}</AlertDialog.Title>
              <AlertDialog.Description className="text-sm text-muted-foreground">{consequence}</AlertDialog.Description>
            </div>
            {reason ? (
              <FormField
                id={`${fieldId}-reason`}
                label={reason.label}
                description={reason.description}
                error={reasonError}
                optional={!reasonRequired}
              >
                <Textarea
                  ref={textareaRef}
                  name="reason"
                  rows={3}
                  placeholder={reason.placeholder}
                  maxLength={reason.maxLength}
                  aria-required={reasonRequired || undefined}
                  disabled={pending}
                  onChange={() => reasonError && setReasonError(null)}
                />
              </FormField>
            ) : null}
            <FormError message={formError} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialog.Cancel asChild>
                <Button variant="outline" disabled={pending}>
                  {cancelLabel}
                </Button>
              </AlertDialog.Cancel>
              <Button
                type="submit"
                variant={destructive ? "destructive" : "default"}
                pending={pending}
                pendingText={pendingLabel}
              >
                {confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
