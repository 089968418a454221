/**
 * The gate for advancing a persona from its current stage to the next: criteria computed from
 * real evidence (design.md, "Advancing"). Pure: the caller gathers the evidence.
 *
 * Boundaries: every criterion passes when the value is exactly at its threshold. Durations are
 * compared in milliseconds (a day = 24 h); `value` shows whole days, rounded down.
 */
import { z } from "zod";
import type { Stage } from "./constants";
import { nextStage, stageLabel } from "./stages";

/** Thresholds of one stage's gate. */
export interface GateThresholds {
  /** N: actions decided by reviewers (approved + rejected) at this stage. */
  readonly minReviewedActions: number;
  /** X: approved / reviewed, in percent (0–100). 0 = no minimum. */
  readonly minApprovalRatePercent: number;
  /** D: no rejected high-risk action and no incident (pause) in the last D days. */
  readonly lookbackDays: number;
  /** T: days since the persona entered this stage. */
  readonly minDaysAtStage: number;
}

/**
 * Default thresholds per stage, stricter at later stages. `deep_embedding` has no next stage,
 * so no gate (null).
 */
export const DEFAULT_GATE_THRESHOLDS: { readonly [S in Stage]: GateThresholds | null } = {
  pilot: { minReviewedActions: 20, minApprovalRatePercent: 80, lookbackDays: 7, minDaysAtStage: 7 },
  bounded_production: { minReviewedActions: 50, minApprovalRatePercent: 90, lookbackDays: 14, minDaysAtStage: 14 },
  broad_exposure: { minReviewedActions: 200, minApprovalRatePercent: 95, lookbackDays: 30, minDaysAtStage: 30 },
  deep_embedding: null,
};

/** Evidence gathered at the current stage. */
export interface GateEvidence {
  /** Actions decided by reviewers at this stage (approved + rejected). */
  readonly reviewedCount: number;
  readonly approvedCount: number;
  readonly rejectedCount: number;
  /** When a high-risk action was last rejected, or null if never. */
  readonly lastHighRiskRejectionAt: Date | null;
  /** When the persona was last paused (an incident), or null if never. */
  readonly lastPauseAt: Date | null;
  readonly stageEnteredAt: Date;
  readonly now: Date;
}

export const GATE_CRITERION_KEYS = [
  "reviewed_actions",
  "approval_rate",
  "no_high_risk_rejection",
  "no_incident",
  "days_at_stage",
] as const;
export type GateCriterionKey = (typeof GATE_CRITERION_KEYS)[number];

/** One criterion of a gate, with what was measured and whether it passed. */
export interface GateCriterion {
  readonly key: GateCriterionKey;
  /** Human label, e.g. "Approval rate at least 80%". */
  readonly label: string;
  /** The measured value (null when it cannot be measured, e.g. a rate over 0 actions). */
  readonly value: number | null;
  readonly threshold: number;
  readonly unit: "actions" | "percent" | "days";
  readonly passed: boolean;
  /** One sentence for people, e.g. "16 of 20 reviewed actions approved (80%)". */
  readonly detail: string;
}

/** Result of {@link evaluateGate}. */
export type GateResult =
  | {
      readonly applicable: true;
      readonly from: Stage;
      readonly to: Stage;
      readonly passed: boolean;
      readonly criteria: readonly GateCriterion[];
    }
  | { readonly applicable: false; readonly from: Stage; readonly passed: false; readonly criteria: readonly [] };

const DAY_MS = 24 * 60 * 60 * 1000;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function wholeDays(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function reviewedCriterion(evidence: GateEvidence, t: GateThresholds): GateCriterion {
  const value = evidence.reviewedCount;
  return {
    key: "reviewed_actions",
    label: `At least ${plural(t.minReviewedActions, "reviewed action")} at this stage`,
    value,
    threshold: t.minReviewedActions,
    unit: "actions",
    passed: value >= t.minReviewedActions,
    detail: `${plural(value, "action")} reviewed at this stage, ${t.minReviewedActions} needed`,
  };
}

function approvalRateCriterion(evidence: GateEvidence, t: GateThresholds): GateCriterion {
  const { reviewedCount: reviewed, approvedCount: approved, rejectedCount: rejected } = evidence;
  const base = {
    key: "approval_rate",
    label: `Approval rate at least ${t.minApprovalRatePercent}%`,
    threshold: t.minApprovalRatePercent,
    unit: "percent",
  } as const;
  if (reviewed <= 0) {
    const passed = t.minApprovalRatePercent === 0;
    return {
      ...base,
      value: null,
      passed,
      detail: passed
        ? "No action reviewed yet; no minimum approval rate is set"
        : "No action reviewed yet, so there is no approval rate to measure",
    };
  }
  // Integer comparison: approved / reviewed ≥ X%  ⇔  approved × 100 ≥ X × reviewed.
  const passed = approved * 100 >= t.minApprovalRatePercent * reviewed;
  const rate = Math.round((approved / reviewed) * 1000) / 10;
  return {
    ...base,
    value: rate,
    passed,
    detail: `${approved} of ${plural(reviewed, "reviewed action")} approved (${rate}%), ${rejected} rejected`,
  };
}

function quietCriterion(
  key: "no_high_risk_rejection" | "no_incident",
  last: Date | null,
  now: Date,
  days: number,
): GateCriterion {
  const what = key === "no_incident" ? "incident (pause)" : "rejected high-risk action";
  const label = `No ${what} in the last ${plural(days, "day")}`;
  if (last === null) {
    return { key, label, value: null, threshold: days, unit: "days", passed: true, detail: `No ${what} at any time` };
  }
  const elapsed = now.getTime() - last.getTime();
  const passed = elapsed >= days * DAY_MS;
  const ago = wholeDays(Math.max(0, elapsed));
  return {
    key,
    label,
    value: ago,
    threshold: days,
    unit: "days",
    passed,
    detail: `Last ${what} ${ago === 0 ? "less than a day" : plural(ago, "day")} ago; needs ${plural(days, "day")} without one`,
  };
}

function daysAtStageCriterion(evidence: GateEvidence, t: GateThresholds): GateCriterion {
  const elapsed = evidence.now.getTime() - evidence.stageEnteredAt.getTime();
  const value = wholeDays(Math.max(0, elapsed));
  return {
    key: "days_at_stage",
    label: `At least ${plural(t.minDaysAtStage, "day")} at this stage`,
    value,
    threshold: t.minDaysAtStage,
    unit: "days",
    passed: elapsed >= t.minDaysAtStage * DAY_MS,
    detail: `${plural(value, "day")} at this stage, ${t.minDaysAtStage} needed`,
  };
}

/**
 * Evaluates the gate for advancing from `stage` to the next stage. `thresholds` defaults to
 * {@link DEFAULT_GATE_THRESHOLDS}; at the last stage there is no gate (`applicable: false`).
 * `passed` is true only when every criterion passes.
 */
export function evaluateGate(stage: Stage, evidence: GateEvidence, thresholds?: GateThresholds | null): GateResult {
  const to = nextStage(stage);
  const t = thresholds ?? DEFAULT_GATE_THRESHOLDS[stage];
  if (to === null || t === null) return { applicable: false, from: stage, passed: false, criteria: [] };
  const criteria = [
    reviewedCriterion(evidence, t),
    approvalRateCriterion(evidence, t),
    quietCriterion("no_high_risk_rejection", evidence.lastHighRiskRejectionAt, evidence.now, t.lookbackDays),
    quietCriterion("no_incident", evidence.lastPauseAt, evidence.now, t.lookbackDays),
    daysAtStageCriterion(evidence, t),
  ];
  return { applicable: true, from: stage, to, passed: criteria.every((c) => c.passed), criteria };
}

/** A one-line summary of a gate result for people. */
export function describeGate(result: GateResult): string {
  if (!result.applicable) return `${stageLabel(result.from)} is the last stage; there is no gate`;
  const failed = result.criteria.filter((c) => !c.passed).length;
  return result.passed
    ? `Gate to ${stageLabel(result.to)} passed`
    : `Gate to ${stageLabel(result.to)} not passed: ${plural(failed, "criterion", "criteria")} unmet`;
}

const wholeNumber = (max: number, what: string) =>
  z.preprocess(
    // Form strings are coerced; a blank string, null, a boolean or anything else is not a number.
    (v) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : undefined),
    z
      .number({ error: `Enter ${what} as a whole number` })
      .int({ error: `Enter ${what} as a whole number` })
      .min(0, { error: `${capitalize(what)} cannot be negative` })
      .max(max, { error: `${capitalize(what)} can be at most ${max}` }),
  );

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Zod schema for editing a stage's gate thresholds (owner only: `stages:signoff`). Coerces form
 * strings; non-negative whole numbers, percentage 0–100.
 */
export const GateThresholdsInput = z.object({
  minReviewedActions: wholeNumber(1_000_000, "the number of reviewed actions"),
  minApprovalRatePercent: wholeNumber(100, "the approval rate"),
  lookbackDays: wholeNumber(3_650, "the look-back period in days"),
  minDaysAtStage: wholeNumber(3_650, "the number of days at the stage"),
});
