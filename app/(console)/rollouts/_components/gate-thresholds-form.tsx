"use client";
import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import type { GateThresholds } from "@/lib/domain/gate";
import type { ActionResult } from "@/lib/server/authorize";

type FormAction = (prev: unknown, fd: FormData) => Promise<ActionResult<unknown>>;

export interface StageThresholds {
  stage: string;
  /** "Pilot → Bounded production". */
  label: string;
  current: GateThresholds;
  defaults: GateThresholds;
  custom: boolean;
}

const FIELDS: { key: keyof GateThresholds; label: string; unit: string }[] = [
  { key: "minReviewedActions", label: "Reviewed actions at the stage, at least", unit: "actions" },
  { key: "minApprovalRatePercent", label: "Approval rate, at least", unit: "%" },
  { key: "lookbackDays", label: "Days without a rejected high-risk action or a pause", unit: "days" },
  { key: "minDaysAtStage", label: "Days at the stage, at least", unit: "days" },
];

function StageForm({ spaceId, s, action }: { spaceId: string; s: StageThresholds; action: FormAction }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | undefined, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) {
      toast.success(`Gate thresholds for ${s.label} saved.`);
      router.refresh();
    }
    return r;
  }, undefined);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = (k: string) => `gate-${s.stage}-${k}`;
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} noValidate aria-labelledby={id("title")} className="flex flex-col gap-3 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={id("title")} className="text-sm font-medium">
          {s.label}
        </h3>
        {s.custom ? <Badge variant="amber">changed in this space</Badge> : <Badge variant="grey">product defaults</Badge>}
      </div>
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="stage" value={s.stage} />
      {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <FormField key={f.key} id={id(f.key)} label={`${f.label} (${f.unit})`} description={`Default: ${s.defaults[f.key]}`} error={errors[f.key]}>
            <Input name={f.key} type="number" inputMode="numeric" min={0} max={f.key === "minApprovalRatePercent" ? 100 : undefined} step={1} defaultValue={s.current[f.key]} />
          </FormField>
        ))}
      </div>
      <div>
        <Button type="submit" size="sm" pending={pending} pendingText="Saving…">
          Save {s.label} gate
        </Button>
      </div>
    </form>
  );
}

/** Owners edit the space's gate thresholds, one stage per form (each criterion shows its default). */
export function GateThresholdsForm({ spaceId, stages, action }: { spaceId: string; stages: StageThresholds[]; action: FormAction }) {
  return (
    <div className="flex flex-col gap-3">
      {stages.map((s) => (
        <StageForm key={s.stage} spaceId={spaceId} s={s} action={action} />
      ))}
    </div>
  );
}
