import { z } from "zod";
import { GateThresholdsInput } from "@/lib/domain/gate";

const text = (what: string, min = 3) => z.string().trim().min(min, `Write ${what}.`).max(2000, "Keep it under 2,000 characters.");
const optionalText = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((v) => v || undefined);

export const RequestAdvanceInput = z.object({
  spaceId: z.uuid(),
  personaId: z.uuid(),
  reason: text("why this persona should advance"),
  overrideJustification: optionalText,
});

export const SignOffAdvanceInput = z.object({
  spaceId: z.uuid(),
  stageChangeId: z.uuid(),
  note: text("a sign-off note", 1),
  overrideJustification: optionalText,
  /** A checkbox: "on" when the owner chose to restore the grants from before the last rollback. */
  restoreSnapshot: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional(),
});

export const RejectAdvanceInput = z.object({ spaceId: z.uuid(), stageChangeId: z.uuid(), note: text("why you reject it") });

export const RollbackInput = z.object({
  spaceId: z.uuid(),
  personaId: z.uuid(),
  reason: text("why you roll back"),
  keepAppIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid())),
});

export const GateThresholdsFormInput = z
  .object({
    spaceId: z.uuid(),
    stage: z.enum(["pilot", "bounded_production", "broad_exposure"], { error: "Choose a stage that has a gate." }),
  })
  .extend(GateThresholdsInput.shape)
  .transform(({ spaceId, stage, ...thresholds }) => ({ spaceId, stage, thresholds }));
