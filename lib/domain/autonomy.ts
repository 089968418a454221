/**
 * Earned autonomy: from a persona's recent review record, suggest moving an action's policy from
 * `review` to `allow` (enough approvals, no rejection) or back from `allow` to `review` (after
 * rejections or failures). Pure; the console shows the suggestions and an operator applies one
 * through the ordinary grant mutation, so the stage bounds are checked again there.
 *
 * Rules (per persona, environment and action, over the space's window):
 * - review → allow when the action's policy is `review`, reviewers approved at least
 *   `approvalsToAllow` of its actions and rejected none. Counted per action (a high-risk action
 *   approved by two reviewers is one approval). If the stage (or the space's override, or the
 *   product hard limit) caps the action at `review`, the suggestion is returned `blocked` with
 *   the bound's words and cannot be applied.
 * - allow → review when the action's policy is `allow` and the window holds at least
 *   `rejectionsToReview` problems. Actions allowed by policy have no reviews, so a problem is
 *   either a rejection by reviewers (recorded while the action was still under review, or at a
 *   stage/override that forced review) or a failed outcome of an action the policy allowed.
 *   Tightening is always within the bounds, so it is never blocked.
 * - `deny` policies, disabled grants and actions without any record are left alone.
 */
import { z } from "zod";
import { getCapability } from "./catalog";
import { POLICIES, type Environment, type Policy, type Stage } from "./constants";
import { checkGrantWithinBounds, effectivePolicy, stageCeiling, type SpaceBoundsOverride } from "./stages";
import { defaultActionPolicy } from "./catalog";

/** A space's earned-autonomy settings (stored in `spaces.autonomy_settings`). */
export interface AutonomySettings {
  /** Approvals (with no rejection) in the window before review → allow is suggested. */
  readonly approvalsToAllow: number;
  /** How many days back the record is read. */
  readonly windowDays: number;
  /** Rejections or failed outcomes in the window before allow → review is suggested. */
  readonly rejectionsToReview: number;
}

export const DEFAULT_AUTONOMY_SETTINGS: AutonomySettings = Object.freeze({
  approvalsToAllow: 20,
  windowDays: 30,
  rejectionsToReview: 1,
});

export const AUTONOMY_LIMITS = {
  approvalsToAllow: { min: 1, max: 10_000 },
  windowDays: { min: 1, max: 365 },
  rejectionsToReview: { min: 1, max: 1_000 },
} as const;

const whole = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ message: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")}.`);

/** Zod schema of the settings as an owner edits them. */
export const AutonomySettingsInput = z.object({
  approvalsToAllow: whole("Approvals", AUTONOMY_LIMITS.approvalsToAllow),
  windowDays: whole("The window", AUTONOMY_LIMITS.windowDays),
  rejectionsToReview: whole("Rejections", AUTONOMY_LIMITS.rejectionsToReview),
});

/**
 * The settings in force: each stored field that is a valid value, the default otherwise (a
 * missing, partial or corrupt jsonb never breaks the persona page).
 */
export function resolveAutonomySettings(stored: unknown): AutonomySettings {
  const out: Record<keyof AutonomySettings, number> = { ...DEFAULT_AUTONOMY_SETTINGS };
  if (stored && typeof stored === "object") {
    for (const key of Object.keys(AUTONOMY_LIMITS) as (keyof AutonomySettings)[]) {
      const v = (stored as Record<string, unknown>)[key];
      const { min, max } = AUTONOMY_LIMITS[key];
      if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) out[key] = v;
    }
  }
  return out;
}

/** What reviewers and outcomes said about one action of a persona in one environment, in the window. */
export interface ActionRecord {
  readonly environment: Environment;
  readonly actionKey: string;
  /** Actions reviewers approved (whatever their outcome later). */
  readonly approvals: number;
  /** Actions reviewers rejected. */
  readonly rejections: number;
  /** Actions the policy allowed whose outcome was reported failed. */
  readonly failedAllowed: number;
}

/** A stored capability grant, as the suggestions see it. */
export interface AutonomyGrant {
  readonly capabilityKey: string;
  readonly environment: Environment;
  readonly enabled: boolean;
  readonly policies: Readonly<Record<string, Policy>>;
}

export interface AutonomySuggestion {
  readonly capabilityKey: string;
  readonly actionKey: string;
  readonly environment: Environment;
  readonly from: Policy;
  readonly to: Policy;
  /** "loosen": review → allow; "tighten": allow → review. */
  readonly direction: "loosen" | "tighten";
  readonly evidence: {
    readonly approvals: number;
    readonly rejections: number;
    readonly failedAllowed: number;
    readonly windowDays: number;
  };
  /** Why the stage does not let this suggestion be applied (its bound, in words), or null. */
  readonly blocked: string | null;
}

export interface AutonomyInput {
  readonly stage: Stage;
  readonly override?: SpaceBoundsOverride | null;
  readonly settings: AutonomySettings;
  readonly grants: readonly AutonomyGrant[];
  readonly records: readonly ActionRecord[];
}

/**
 * The policy the gateway applies today to an action of an enabled grant: its stored policy, or
 * (when the grant does not list it) the catalog default; both capped by the stage ceiling.
 */
function currentPolicy(grant: AutonomyGrant, actionKey: string, input: AutonomyInput): Policy | null {
  const capability = getCapability(grant.capabilityKey);
  const action = capability?.actions.find((a) => a.key === actionKey);
  if (!capability || !action) return null;
  const stored = grant.policies[actionKey];
  const base = stored && POLICIES.includes(stored) ? stored : defaultActionPolicy(action);
  const ceiling = stageCeiling({
    stage: input.stage,
    environment: grant.environment,
    capabilityKind: capability.kind,
    risk: action.risk,
    effect: action.effect,
    override: input.override,
  });
  return effectivePolicy(base, ceiling);
}

/**
 * Suggestions for one persona, in a stable order: applicable before blocked, then tightenings
 * before loosenings, then environment and action key.
 */
export function autonomySuggestions(input: AutonomyInput): AutonomySuggestion[] {
  const out: AutonomySuggestion[] = [];
  const { settings } = input;
  for (const record of input.records) {
    const capabilityKey = record.actionKey.split(".")[0] ?? "";
    const grant = input.grants.find((g) => g.capabilityKey === capabilityKey && g.environment === record.environment);
    if (!grant || !grant.enabled) continue;
    const from = currentPolicy(grant, record.actionKey, input);
    if (from === null) continue;
    const evidence = {
      approvals: record.approvals,
      rejections: record.rejections,
      failedAllowed: record.failedAllowed,
      windowDays: settings.windowDays,
    };
    const base = { capabilityKey, actionKey: record.actionKey, environment: record.environment, from, evidence };
    if (from === "review" && record.rejections === 0 && record.approvals >= settings.approvalsToAllow) {
      const check = checkGrantWithinBounds({
        capabilityKey,
        environment: record.environment,
        enabled: grant.enabled,
        policies: { [record.actionKey]: "allow" },
        stage: input.stage,
        override: input.override,
      });
      out.push({ ...base, to: "allow", direction: "loosen", blocked: check.ok ? null : check.message });
    } else if (from === "allow" && record.rejections + record.failedAllowed >= settings.rejectionsToReview) {
      out.push({ ...base, to: "review", direction: "tighten", blocked: null });
    }
  }
  return out.sort(
    (a, b) =>
      Number(a.blocked !== null) - Number(b.blocked !== null) ||
      Number(a.direction === "loosen") - Number(b.direction === "loosen") ||
      a.environment.localeCompare(b.environment) ||
      a.actionKey.localeCompare(b.actionKey),
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "24 approvals, 0 rejections in 30 days" (plus failed outcomes when there are any). */
export function describeEvidence(e: AutonomySuggestion["evidence"]): string {
  const parts = [plural(e.approvals, "approval"), plural(e.rejections, "rejection")];
  if (e.failedAllowed > 0) parts.push(plural(e.failedAllowed, "failed outcome"));
  return `${parts.join(", ")} in ${plural(e.windowDays, "day")}`;
}
