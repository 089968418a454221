/**
 * The gateway's decision for a proposed action: rules 4–12 of design.md ("Decisions the gateway
 * makes"), checked in order, the first that decides wins.
 *
 * Rules 1–3 are HTTP-level and happen before this function is called, in the route handler:
 * 1 token (401), 2 body/request schema/`validateActionInput` (413/415/400/422),
 * 3 persona visibility through the token's tenant and app (404). They never reach `decide()`.
 *
 * Every rule checked is recorded in `path` with the inputs it saw; the path is JSON-serialisable
 * and meant to be stored with the action.
 */
import {
  POLICIES,
  type CapabilityKind,
  type Effect,
  type Environment,
  type PersonaStatus,
  type Policy,
  type ReasonCode,
  type Risk,
  type Stage,
} from "./constants";
import { defaultActionPolicy, getCatalogAction } from "./catalog";
import { resolveStageBounds, stageCeilingDetail, type SpaceBoundsOverride } from "./stages";

/** What `decide()` needs to know about the capability grant for this capability × environment. */
export interface DecisionGrant {
  readonly enabled: boolean;
  /** Per-action policy; an action missing here gets {@link defaultActionPolicy}. */
  readonly policies: Readonly<Record<string, Policy>>;
}

/** Input of {@link decide}. */
export interface DecisionInput {
  readonly persona: { readonly status: PersonaStatus; readonly stage: Stage };
  readonly space: {
    /** Environments the space allows. */
    readonly environments: readonly Environment[];
    readonly boundsOverride?: SpaceBoundsOverride | null;
  };
  /** The token's environment. */
  readonly environment: Environment;
  readonly actionKey: string;
  /** The grant of the action's capability in this environment; null when there is none. */
  readonly grant: DecisionGrant | null;
}

/** How `decide()` sees a catalog action; injectable for tests of catalog changes. */
export interface DecisionAction {
  readonly capabilityKey: string;
  readonly capabilityKind: CapabilityKind;
  readonly risk: Risk;
  readonly effect: Effect;
}

/** Options of {@link decide}. */
export interface DecideOptions {
  /** Catalog lookup; defaults to the product catalog. */
  readonly lookupAction?: (actionKey: string) => DecisionAction | undefined;
}

/** The rules `decide()` applies, in order, with the reason code each gives when it decides. */
export const DECISION_RULES = [
  { rule: 4, name: "persona_active", reasonCode: "persona_paused" },
  { rule: 5, name: "environment_allowed", reasonCode: "environment_not_allowed" },
  { rule: 6, name: "action_in_catalog", reasonCode: "unknown_action" },
  { rule: 7, name: "capability_enabled", reasonCode: "capability_disabled" },
  { rule: 8, name: "stage_ceiling_not_deny", reasonCode: "stage_bound" },
  { rule: 9, name: "grant_policy_not_deny", reasonCode: "action_denied" },
  { rule: 10, name: "grant_policy_not_review", reasonCode: "policy_review" },
  { rule: 11, name: "stage_ceiling_not_review", reasonCode: "stage_requires_review" },
  { rule: 12, name: "allow", reasonCode: "policy_allow" },
] as const satisfies readonly { rule: number; name: string; reasonCode: ReasonCode }[];

export type DecisionRuleName = (typeof DECISION_RULES)[number]["name"];

/** A JSON value, as stored in the decision path. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One rule checked, with the inputs it saw; `decided` for the rule that ended the check. */
export interface DecisionStep {
  readonly rule: number;
  readonly name: DecisionRuleName;
  readonly inputs: { readonly [key: string]: JsonValue };
  readonly result: "pass" | "decided";
}

/** The decision for a proposed action. */
export interface Decision {
  readonly status: "approved" | "pending" | "denied";
  readonly reasonCode: ReasonCode;
  /** `policy` when approved or denied here; null while pending (reviewers will decide). */
  readonly decidedBy: "policy" | null;
  /** Frozen at proposal: 2 for a pending high-risk action, 1 for any other pending, else 0. */
  readonly requiredApprovals: number;
  readonly risk?: Risk;
  readonly effect?: Effect;
  readonly capabilityKey?: string;
  readonly path: readonly DecisionStep[];
}

function catalogLookup(actionKey: string): DecisionAction | undefined {
  const ref = getCatalogAction(actionKey);
  if (!ref) return undefined;
  return {
    capabilityKey: ref.capability.key,
    capabilityKind: ref.capability.kind,
    risk: ref.action.risk,
    effect: ref.action.effect,
  };
}

/** Approvals an action needs when it goes to review (2 for high risk, else 1). */
export function approvalsNeeded(risk: Risk): number {
  return risk === "high" ? 2 : 1;
}

const RULE_BY_NUMBER = new Map(DECISION_RULES.map((r) => [r.rule as number, r]));

/**
 * Decides a proposed action by rules 4–12 of design.md. Pure: same input, same decision.
 */
export function decide(input: DecisionInput, options: DecideOptions = {}): Decision {
  const lookup = options.lookupAction ?? catalogLookup;
  const path: DecisionStep[] = [];
  const { persona, space, environment, actionKey, grant } = input;

  const pass = (rule: number, inputs: DecisionStep["inputs"]) => {
    path.push({ rule, name: RULE_BY_NUMBER.get(rule)!.name, inputs, result: "pass" });
  };
  const decided = (
    rule: number,
    inputs: DecisionStep["inputs"],
    status: Decision["status"],
    action?: DecisionAction,
  ): Decision => {
    const { name, reasonCode } = RULE_BY_NUMBER.get(rule)!;
    path.push({ rule, name, inputs, result: "decided" });
    const pending = status === "pending";
    return {
      status,
      reasonCode,
      decidedBy: pending ? null : "policy",
      requiredApprovals: pending && action ? approvalsNeeded(action.risk) : 0,
      ...(action ? { risk: action.risk, effect: action.effect, capabilityKey: action.capabilityKey } : {}),
      path,
    };
  };

  // 4 — persona paused
  const personaInputs = { personaStatus: persona.status };
  if (persona.status !== "active") return decided(4, personaInputs, "denied");
  pass(4, personaInputs);

  // 5 — environment allowed by the space and by the stage (with the space's override)
  const stageEnvironments = resolveStageBounds(persona.stage, space.boundsOverride).environments;
  const envInputs = {
    environment,
    stage: persona.stage,
    spaceEnvironments: [...space.environments],
    stageEnvironments: [...stageEnvironments],
  };
  if (!space.environments.includes(environment) || !stageEnvironments.includes(environment)) {
    return decided(5, envInputs, "denied");
  }
  pass(5, envInputs);

  // 6 — action in the catalog
  const action = lookup(actionKey);
  if (!action) return decided(6, { actionKey, known: false }, "denied");
  const actionInputs = {
    actionKey,
    known: true,
    capabilityKey: action.capabilityKey,
    capabilityKind: action.capabilityKind,
    risk: action.risk,
    effect: action.effect,
  };
  pass(6, actionInputs);

  // 7 — capability enabled for this persona in this environment
  const grantInputs = { capabilityKey: action.capabilityKey, environment, grantExists: grant !== null, enabled: grant?.enabled ?? false };
  if (!grant || !grant.enabled) return decided(7, grantInputs, "denied", action);
  pass(7, grantInputs);

  // 8 — stage ceiling deny
  const { ceiling, limitedBy } = stageCeilingDetail({
    stage: persona.stage,
    environment,
    capabilityKind: action.capabilityKind,
    risk: action.risk,
    effect: action.effect,
    override: space.boundsOverride,
  });
  const ceilingInputs = {
    stage: persona.stage,
    environment,
    capabilityKind: action.capabilityKind,
    risk: action.risk,
    effect: action.effect,
    ceiling,
    limitedBy,
  };
  if (ceiling === "deny") return decided(8, ceilingInputs, "denied", action);
  pass(8, ceilingInputs);

  // 9 / 10 — the grant's policy (explicit or the catalog default)
  // A stored value that is not a policy fails closed (deny).
  const explicit = Object.hasOwn(grant.policies, actionKey) ? grant.policies[actionKey] : undefined;
  const policySource = explicit === undefined ? "default" : POLICIES.includes(explicit) ? "grant" : "invalid";
  const policy: Policy =
    policySource === "default" ? defaultActionPolicy(action) : policySource === "grant" ? explicit! : "deny";
  const policyInputs = { actionKey, policy, policySource };
  if (policy === "deny") return decided(9, policyInputs, "denied", action);
  pass(9, policyInputs);
  if (policy === "review") return decided(10, policyInputs, "pending", action);
  pass(10, policyInputs);

  // 11 — grant allows but the ceiling is review
  const reviewInputs = { policy, ceiling, limitedBy };
  if (ceiling === "review") return decided(11, reviewInputs, "pending", action);
  pass(11, reviewInputs);

  // 12 — otherwise approved
  return decided(12, { policy, ceiling }, "approved", action);
}
