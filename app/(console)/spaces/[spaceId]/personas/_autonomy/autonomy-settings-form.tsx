"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import { AUTONOMY_LIMITS, DEFAULT_AUTONOMY_SETTINGS, type AutonomySettings } from "@/lib/domain/autonomy";
import type { ActionResult } from "@/lib/server/authorize";

type Save = (prev: unknown, fd: FormData) => Promise<ActionResult<AutonomySettings>>;

const FIELDS = [
  {
    name: "approvalsToAllow",
    label: "Approvals before suggesting allow",
    hint: "Reviewer approvals of one action, with no rejection in the window, before the persona page suggests allowing it without review.",
  },
  { name: "windowDays", label: "Window (days)", hint: "How far back the record is read." },
  {
    name: "rejectionsToReview",
    label: "Rejections before suggesting review",
    hint: "Rejections or failed outcomes of an allowed action in the window before the persona page suggests review again.",
  },
] as const;

/** Earned-autonomy settings of one space: shown with their defaults, edited by owners and operators. */
export function AutonomySettingsForm({ spaceId, initial, save }: { spaceId: string; initial: AutonomySettings; save: Save }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<ActionResult<AutonomySettings> | undefined, FormData>((prev, fd) => save(prev, fd), undefined);
  useEffect(() => {
    if (state?.ok) {
      toast.success("Autonomy settings saved.");
      router.refresh();
    } else if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={keepValuesOnSubmit(formAction)} className="flex max-w-xl flex-col gap-5" noValidate aria-label="Earned autonomy">
      <input type="hidden" name="spaceId" value={spaceId} />
      {state && !state.ok && !Object.keys(errors).length ? <FormError message={state.error} /> : null}
      {FIELDS.map((f) => (
        <FormField
          key={f.name}
          id={`autonomy-${f.name}`}
          label={f.label}
          error={errors[f.name]}
          description={`${f.hint} Default ${DEFAULT_AUTONOMY_SETTINGS[f.name]}.`}
        >
          <Input
            name={f.name}
            type="number"
            inputMode="numeric"
            min={AUTONOMY_LIMITS[f.name].min}
            max={AUTONOMY_LIMITS[f.name].max}
            step={1}
            defaultValue={initial[f.name]}
            className="w-32"
          />
        </FormField>
      ))}
      <div>
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save autonomy settings
        </Button>
      </div>
    </form>
  );
}
