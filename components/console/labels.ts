import {
  STAGES,
  type ActionStatus,
  type Environment,
  type PersonaStatus,
  type Risk,
  type Stage,
  type TenantRole,
} from "@/lib/domain/constants";

/** Display labels for the domain vocabularies (the values themselves live in lib/domain/constants). */
export const RISK_LABELS: Record<Risk, string> = { low: "Low risk", medium: "Medium risk", high: "High risk" };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  denied: "Denied",
  expired: "Expired",
  cancelled: "Cancelled",
  succeeded: "Succeeded",
  failed: "Failed",
};

export const PERSONA_STATUS_LABELS: Record<PersonaStatus, string> = { active: "Active", paused: "Paused" };

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  sandbox: "sandbox",
  staging: "staging",
  production: "production",
};

export const STAGE_LABELS: Record<Stage, string> = {
  pilot: "Pilot",
  bounded_production: "Bounded production",
  broad_exposure: "Broad exposure",
  deep_embedding: "Deep embedding",
};

export const ROLE_LABELS: Record<TenantRole, string> = {
  owner: "Owner",
  operator: "Operator",
  reviewer: "Reviewer",
  viewer: "Viewer (evaluator)",
};

/** 1-based position of a stage and the number of stages, e.g. { step: 2, total: 4 }. */
export function stageStep(stage: Stage): { step: number; total: number } {
  return { step: STAGES.indexOf(stage) + 1, total: STAGES.length };
}

/** Turns an unexpected raw value into readable text ("some_value" → "Some value"). */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, " ").trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "Unknown";
}

/** Label lookup that never renders "undefined" for a value outside the vocabulary. */
export function labelOf<T extends string>(labels: Record<T, string>, value: T): string {
  return (labels as Record<string, string | undefined>)[value] ?? humanize(String(value ?? ""));
}
