/**
 * Rollout stages and their bounds (design.md, "Rollout stages and their bounds"), as data, plus
 * the one `effectivePolicy()` that the console, the gateway and the tests share.
 *
 * Conventions:
 * - `maxApps: null` means "any number of apps" (deep_embedding). `null`, not `Infinity`, so the
 *   bounds survive JSON (jsonb, API responses). Use {@link appLimitAllows} to compare.
 * - A space may tighten the table through a {@link SpaceBoundsOverride}; anything looser in an
 *   override is ignored (environments, connected environments) or clamped (ceilings, maxApps).
 * - The product hard limit (a high-risk write in production is at most `review`) is applied on
 *   top of table and override, at every stage.
 */
import { z } from "zod";
import {
  EFFECTS,
  ENVIRONMENTS,
  POLICIES,
  RISKS,
  STAGES,
  rank,
  type CapabilityKind,
  type Effect,
  type Environment,
  type Policy,
  type Risk,
  type Stage,
} from "./constants";
import { defaultActionPolicy, getCapability } from "./catalog";

/** Ceiling per risk × effect. */
export type CeilingTable = { readonly [R in Risk]: { readonly [E in Effect]: Policy } };

/** The bounds of one stage. */
export interface StageBounds {
  readonly stage: Stage;
  /** Environments the stage allows, in canonical order. */
  readonly environments: readonly Environment[];
  /** Environments where connected capabilities are allowed (a subset of `environments`). */
  readonly connectedEnvironments: readonly Environment[];
  readonly ceilings: CeilingTable;
  /** How many apps may expose the persona; `null` = any number. */
  readonly maxApps: number | null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The bounds table of design.md, exactly (frozen). */
export const STAGE_BOUNDS: { readonly [S in Stage]: StageBounds } = deepFreeze({
  pilot: {
    stage: "pilot",
    environments: ["sandbox", "staging"],
    connectedEnvironments: ["sandbox"],
    ceilings: {
      low: { read: "allow", write: "review" },
      medium: { read: "review", write: "review" },
      high: { read: "review", write: "review" },
    },
    maxApps: 1,
  },
  bounded_production: {
    stage: "bounded_production",
    environments: ["sandbox", "staging", "production"],
    connectedEnvironments: ["sandbox", "staging", "production"],
    ceilings: {
      low: { read: "allow", write: "allow" },
      medium: { read: "allow", write: "review" },
      high: { read: "review", write: "review" },
    },
    maxApps: 2,
  },
  broad_exposure: {
    stage: "broad_exposure",
    environments: ["sandbox", "staging", "production"],
    connectedEnvironments: ["sandbox", "staging", "production"],
    ceilings: {
      low: { read: "allow", write: "allow" },
      medium: { read: "allow", write: "allow" },
      high: { read: "allow", write: "review" },
    },
    maxApps: 5,
  },
  deep_embedding: {
    stage: "deep_embedding",
    environments: ["sandbox", "staging", "production"],
    connectedEnvironments: ["sandbox", "staging", "production"],
    ceilings: {
      low: { read: "allow", write: "allow" },
      medium: { read: "allow", write: "allow" },
      high: { read: "allow", write: "review" },
    },
    maxApps: null,
  },
});

/** Product limits that hold at every stage, whatever the table or a space says. */
export const HARD_LIMITS: readonly {
  readonly environment: Environment;
  readonly risk: Risk;
  readonly effect: Effect;
  readonly max: Policy;
}[] = [{ environment: "production", risk: "high", effect: "write", max: "review" }];

const STAGE_LABELS: { readonly [S in Stage]: string } = {
  pilot: "Pilot",
  bounded_production: "Bounded production",
  broad_exposure: "Broad exposure",
  deep_embedding: "Deep embedding",
};

/** Human label of a stage: "Pilot", "Bounded production", "Broad exposure", "Deep embedding". */
export function stageLabel(stage: Stage): string {
  return STAGE_LABELS[stage];
}

/** The stage after this one, or null at the last stage. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[rank(STAGES, stage) + 1] ?? null;
}

/** The stage before this one, or null at the first stage. */
export function previousStage(stage: Stage): Stage | null {
  const index = rank(STAGES, stage);
  return index > 0 ? (STAGES[index - 1] ?? null) : null;
}

/** The more restrictive of two policies (deny < review < allow). */
export function minPolicy(a: Policy, b: Policy): Policy {
  return rank(POLICIES, a) <= rank(POLICIES, b) ? a : b;
}

/** True when `policy` is looser than `ceiling`. */
export function exceedsPolicy(policy: Policy, ceiling: Policy): boolean {
  return rank(POLICIES, policy) > rank(POLICIES, ceiling);
}

/** Effective policy = the lower of the grant's policy and the stage ceiling. */
export function effectivePolicy(grantPolicy: Policy, ceiling: Policy): Policy {
  return minPolicy(grantPolicy, ceiling);
}

/** Whether `appCount` apps may expose the persona under `maxApps` (`null` = any number). */
export function appLimitAllows(maxApps: number | null, appCount: number): boolean {
  return maxApps === null || appCount <= maxApps;
}

// ── Space overrides ─────────────────────────────────────────────────────────────────────────

/** What a space may tighten for one stage. Every field is optional. */
export interface StageBoundsOverride {
  /** Environments allowed at this stage (intersected with the table's). */
  readonly environments?: readonly Environment[];
  /** Environments where connected capabilities are allowed (intersected with the table's). */
  readonly connectedEnvironments?: readonly Environment[];
  /** Lower ceilings; a looser value is clamped to the table's. */
  readonly ceilings?: { readonly [R in Risk]?: { readonly [E in Effect]?: Policy } };
  /** Fewer apps; a larger value (or a negative/non-integer one) is clamped. */
  readonly maxApps?: number;
}

/** A space's tightenings of the bounds table, per stage. */
export type SpaceBoundsOverride = { readonly [S in Stage]?: StageBoundsOverride };

const PolicySchema = z.enum(POLICIES);
const EffectCeilingsInput = z.partialRecord(z.enum(EFFECTS), PolicySchema);

/** Zod schema of one stage's override (for storing and editing a space's bounds). */
export const StageBoundsOverrideInput = z.object({
  environments: z.array(z.enum(ENVIRONMENTS)).optional(),
  connectedEnvironments: z.array(z.enum(ENVIRONMENTS)).optional(),
  ceilings: z.partialRecord(z.enum(RISKS), EffectCeilingsInput).optional(),
  maxApps: z.number().int().min(0).optional(),
});

/** Zod schema of a {@link SpaceBoundsOverride}. */
export const SpaceBoundsOverrideInput = z.partialRecord(z.enum(STAGES), StageBoundsOverrideInput);

function intersect(base: readonly Environment[], only: readonly Environment[] | undefined): Environment[] {
  return only === undefined ? [...base] : base.filter((env) => only.includes(env));
}

function clampMaxApps(base: number | null, requested: number | undefined): number | null {
  // Not a number, or +Infinity ("any"), tightens nothing.
  if (requested === undefined || Number.isNaN(requested) || requested === Number.POSITIVE_INFINITY) return base;
  const tightened = Math.max(0, Math.floor(requested));
  return base === null ? tightened : Math.min(base, tightened);
}

/**
 * The bounds of `stage` after applying a space's override. Only tightenings apply: environment
 * lists are intersected with the table's, ceilings and maxApps take the lower value.
 */
export function resolveStageBounds(stage: Stage, override?: SpaceBoundsOverride | null): StageBounds {
  const base = STAGE_BOUNDS[stage];
  const own = override?.[stage];
  if (!own) return base;
  const environments = intersect(base.environments, own.environments);
  const connectedEnvironments = intersect(base.connectedEnvironments, own.connectedEnvironments).filter((env) =>
    environments.includes(env),
  );
  const ceilings = Object.fromEntries(
    RISKS.map((risk) => [
      risk,
      Object.fromEntries(
        EFFECTS.map((effect) => {
          const requested = own.ceilings?.[risk]?.[effect];
          const table = base.ceilings[risk][effect];
          return [effect, requested && POLICIES.includes(requested) ? minPolicy(table, requested) : table];
        }),
      ),
    ]),
  ) as unknown as CeilingTable;
  return { stage, environments, connectedEnvironments, ceilings, maxApps: clampMaxApps(base.maxApps, own.maxApps) };
}

// ── Ceilings ─────────────────────────────────────────────────────────────────────────────────

/** Which bound set a ceiling. */
export type CeilingLimit =
  /** The stage (or the space at this stage) does not allow the environment. */
  | "environment"
  /** Connected capabilities are not allowed in this environment at this stage. */
  | "connected_environment"
  /** The stage table's risk × effect ceiling. */
  | "stage_table"
  /** The space's override lowered the ceiling below the table. */
  | "space_override"
  /** The product hard limit (high-risk write in production). */
  | "hard_limit";

/** Input of {@link stageCeiling}. */
export interface StageCeilingInput {
  readonly stage: Stage;
  readonly environment: Environment;
  readonly capabilityKind: CapabilityKind;
  readonly risk: Risk;
  readonly effect: Effect;
  readonly override?: SpaceBoundsOverride | null;
}

/** A ceiling and the bound that set it. */
export interface CeilingDetail {
  readonly ceiling: Policy;
  readonly limitedBy: CeilingLimit;
}

/**
 * The risk × effect ceiling for an environment: table, then space override, then hard limits.
 * Ignores whether the environment/kind is allowed at all (see {@link stageCeilingDetail}); used
 * to keep even disabled grants' stored policies inside the bounds. `limitedBy` names the bound
 * that sets the ceiling (the hard limit wins a tie with the table).
 */
export function riskEffectCeiling(
  input: Omit<StageCeilingInput, "capabilityKind">,
): CeilingDetail {
  const table = STAGE_BOUNDS[input.stage].ceilings[input.risk][input.effect];
  const resolved = resolveStageBounds(input.stage, input.override).ceilings[input.risk][input.effect];
  let detail: CeilingDetail = exceedsPolicy(table, resolved)
    ? { ceiling: resolved, limitedBy: "space_override" }
    : { ceiling: table, limitedBy: "stage_table" };
  for (const limit of HARD_LIMITS) {
    const applies =
      limit.environment === input.environment && limit.risk === input.risk && limit.effect === input.effect;
    // The hard limit also wins a tie, so its (more telling) reason is the one reported.
    if (applies && !exceedsPolicy(limit.max, detail.ceiling)) detail = { ceiling: limit.max, limitedBy: "hard_limit" };
  }
  return detail;
}

/** The stage ceiling for an action with the bound that set it. */
export function stageCeilingDetail(input: StageCeilingInput): CeilingDetail {
  const bounds = resolveStageBounds(input.stage, input.override);
  if (!bounds.environments.includes(input.environment)) return { ceiling: "deny", limitedBy: "environment" };
  if (input.capabilityKind === "connected" && !bounds.connectedEnvironments.includes(input.environment)) {
    return { ceiling: "deny", limitedBy: "connected_environment" };
  }
  return riskEffectCeiling(input);
}

/**
 * The ceiling a stage puts on an action: `deny` outside the stage's environments or where its
 * capability kind is not allowed, otherwise the risk × effect ceiling (space override and the
 * product hard limit applied).
 */
export function stageCeiling(input: StageCeilingInput): Policy {
  return stageCeilingDetail(input).ceiling;
}

// ── Grants against bounds ───────────────────────────────────────────────────────────────────

/** A stored capability grant, as the bounds functions see it. */
export interface GrantBoundsInput {
  readonly capabilityKey: string;
  readonly environment: Environment;
  readonly enabled: boolean;
  readonly policies: Readonly<Record<string, Policy>>;
}

/** Input of {@link checkGrantWithinBounds}: a grant and the stage (and space override) it must fit. */
export interface GrantBoundsCheckInput extends GrantBoundsInput {
  readonly stage: Stage;
  readonly override?: SpaceBoundsOverride | null;
}

/** Result of {@link checkGrantWithinBounds}. */
export type BoundsCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

function listEnvironments(envs: readonly Environment[]): string {
  if (envs.length === 0) return "no environment";
  if (envs.length === 1) return envs[0] as string;
  return `${envs.slice(0, -1).join(", ")} and ${envs[envs.length - 1]}`;
}

function environmentMessage(stage: Stage, environment: Environment, kind: CapabilityKind, override?: SpaceBoundsOverride | null): string | null {
  const label = stageLabel(stage);
  const table = STAGE_BOUNDS[stage];
  const bounds = resolveStageBounds(stage, override);
  if (!table.environments.includes(environment)) {
    return `Stage ${label} does not allow the ${environment} environment (it allows ${listEnvironments(table.environments)})`;
  }
  if (!bounds.environments.includes(environment)) {
    return `This space does not allow the ${environment} environment at stage ${label}`;
  }
  if (kind === "connected" && !table.connectedEnvironments.includes(environment)) {
    return `Stage ${label} allows connected capabilities only in ${listEnvironments(table.connectedEnvironments)}`;
  }
  if (kind === "connected" && !bounds.connectedEnvironments.includes(environment)) {
    return `This space does not allow connected capabilities in ${environment} at stage ${label}`;
  }
  return null;
}

function ceilingMessage(stage: Stage, risk: Risk, effect: Effect, environment: Environment, detail: CeilingDetail): string {
  const what = `${risk}-risk ${effect} actions`;
  const label = stageLabel(stage);
  switch (detail.limitedBy) {
    case "hard_limit":
      return `${capitalize(what)} in ${environment} are always at most ${detail.ceiling}, at every stage (product limit; stage ${label})`;
    case "space_override":
      return `This space allows at most ${detail.ceiling} for ${what} at stage ${label}`;
    default:
      return `Stage ${label} allows at most ${detail.ceiling} for ${what}`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Whether a grant may be stored at `stage`. An enabled grant needs its environment (and, for a
 * connected capability, connected use in that environment) allowed; every listed action policy,
 * enabled or not, must be at most its risk × effect ceiling. Actions missing from `policies`
 * are not checked (their default is capped at decision time). The message names the bound and
 * the stage, e.g. "Stage Pilot allows at most review for high-risk write actions (email.send is allow)".
 */
export function checkGrantWithinBounds(grant: GrantBoundsCheckInput): BoundsCheck {
  const capability = getCapability(grant.capabilityKey);
  if (!capability) return { ok: false, message: `Unknown capability "${grant.capabilityKey}"` };
  if (grant.enabled) {
    const message = environmentMessage(grant.stage, grant.environment, capability.kind, grant.override);
    if (message) return { ok: false, message };
  }
  for (const [actionKey, policy] of Object.entries(grant.policies)) {
    const action = capability.actions.find((a) => a.key === actionKey);
    if (!action) return { ok: false, message: `"${actionKey}" is not an action of ${capability.name}` };
    if (!POLICIES.includes(policy)) return { ok: false, message: `"${String(policy)}" is not a policy for ${actionKey}` };
    const detail = riskEffectCeiling({ ...grant, risk: action.risk, effect: action.effect });
    if (exceedsPolicy(policy, detail.ceiling)) {
      const bound = ceilingMessage(grant.stage, action.risk, action.effect, grant.environment, detail);
      return { ok: false, message: `${bound} (${actionKey} is ${policy})` };
    }
  }
  return { ok: true };
}

/** One action policy a rollback (or a tightening) lowers. */
export interface PolicyChange {
  readonly actionKey: string;
  readonly from: Policy;
  readonly to: Policy;
}

/** How one stored grant must be rewritten to fit the bounds. */
export interface GrantRewrite {
  readonly capabilityKey: string;
  readonly environment: Environment;
  /** True when the grant is enabled but its environment/kind is no longer allowed. */
  readonly disable: boolean;
  /** Why it is disabled (human words), when `disable` is true. */
  readonly disableReason: string | null;
  /** Action policies lowered to their ceiling. */
  readonly policyChanges: readonly PolicyChange[];
}

/**
 * Which stored grants would have to change for `stage` (with the space's override) and how:
 * the rollback preview, and the rewrite applied in the same transaction. Grants that already
 * fit are omitted. Unknown capabilities or actions (removed from the catalog) are left alone.
 */
export function grantsExceedingBounds(
  grants: readonly GrantBoundsInput[],
  stage: Stage,
  override?: SpaceBoundsOverride | null,
): GrantRewrite[] {
  const rewrites: GrantRewrite[] = [];
  for (const grant of grants) {
    const capability = getCapability(grant.capabilityKey);
    if (!capability) continue;
    const disableReason = grant.enabled
      ? environmentMessage(stage, grant.environment, capability.kind, override)
      : null;
    const policyChanges: PolicyChange[] = [];
    for (const [actionKey, from] of Object.entries(grant.policies)) {
      const action = capability.actions.find((a) => a.key === actionKey);
      if (!action || !POLICIES.includes(from)) continue;
      const { ceiling } = riskEffectCeiling({ stage, environment: grant.environment, risk: action.risk, effect: action.effect, override });
      if (exceedsPolicy(from, ceiling)) policyChanges.push({ actionKey, from, to: ceiling });
    }
    if (disableReason || policyChanges.length > 0) {
      rewrites.push({
        capabilityKey: grant.capabilityKey,
        environment: grant.environment,
        disable: disableReason !== null,
        disableReason,
        policyChanges,
      });
    }
  }
  return rewrites;
}

/**
 * Applies a {@link GrantRewrite} list to grants (pure): returns the grants as they would be
 * stored after the rollback. Grants without a rewrite are returned unchanged.
 */
export function applyGrantRewrites<G extends GrantBoundsInput>(grants: readonly G[], rewrites: readonly GrantRewrite[]): G[] {
  return grants.map((grant) => {
    const rewrite = rewrites.find((r) => r.capabilityKey === grant.capabilityKey && r.environment === grant.environment);
    if (!rewrite) return grant;
    const policies = { ...grant.policies };
    for (const change of rewrite.policyChanges) policies[change.actionKey] = change.to;
    return { ...grant, enabled: rewrite.disable ? false : grant.enabled, policies };
  });
}

/**
 * Policies to prefill a new grant with: each action's catalog default capped by its ceiling at
 * this stage and environment (`deny` everywhere when the environment/kind is not allowed).
 */
export function suggestedGrantPolicies(input: {
  readonly capabilityKey: string;
  readonly stage: Stage;
  readonly environment: Environment;
  readonly override?: SpaceBoundsOverride | null;
}): Record<string, Policy> {
  const capability = getCapability(input.capabilityKey);
  if (!capability) return {};
  return Object.fromEntries(
    capability.actions.map((action) => [
      action.key,
      effectivePolicy(
        defaultActionPolicy(action),
        stageCeiling({ ...input, capabilityKind: capability.kind, risk: action.risk, effect: action.effect }),
      ),
    ]),
  );
}
