/**
 * The closed vocabularies of the domain. The database enums (db/schema) and the
 * zod schemas are built from these arrays, so a value exists in exactly one place.
 */

export const ENVIRONMENTS = ["sandbox", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const STAGES = ["pilot", "bounded_production", "broad_exposure", "deep_embedding"] as const;
export type Stage = (typeof STAGES)[number];

export const RISKS = ["low", "medium", "high"] as const;
export type Risk = (typeof RISKS)[number];

export const EFFECTS = ["read", "write"] as const;
export type Effect = (typeof EFFECTS)[number];

/** Ordered from most to least restrictive: deny < review < allow. */
export const POLICIES = ["deny", "review", "allow"] as const;
export type Policy = (typeof POLICIES)[number];

export const CAPABILITY_KINDS = ["builtin", "connected"] as const;
export type CapabilityKind = (typeof CAPABILITY_KINDS)[number];

/** Tenant roles, strongest first. `viewer` is the evaluator/buyer. */
export const TENANT_ROLES = ["owner", "operator", "reviewer", "viewer"] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Roles a space grant may name (owners see every space without one). */
export const SPACE_ROLES = ["operator", "reviewer", "viewer"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

export const SPACE_STATUSES = ["active", "paused", "archived"] as const;
export type SpaceStatus = (typeof SPACE_STATUSES)[number];

export const PERSONA_STATUSES = ["active", "paused"] as const;
export type PersonaStatus = (typeof PERSONA_STATUSES)[number];

export const APP_KINDS = ["web_widget", "api", "chat", "internal_tool", "mobile", "other"] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const RUNTIME_HOSTING = ["vendor", "customer"] as const;
export type RuntimeHosting = (typeof RUNTIME_HOSTING)[number];

export const ACTION_STATUSES = [
  "pending",
  "approved",
  "rejected",
  "denied",
  "expired",
  "cancelled",
  "succeeded",
  "failed",
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const REASON_CODES = [
  "policy_allow",
  "policy_review",
  "stage_requires_review",
  "persona_paused",
  "environment_not_allowed",
  "unknown_action",
  "capability_disabled",
  "stage_bound",
  "action_denied",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const DECIDED_BY = ["policy", "reviewers", "system"] as const;
export type DecidedBy = (typeof DECIDED_BY)[number];

export const REVIEW_DECISIONS = ["approve", "reject"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const OUTCOME_STATUSES = ["succeeded", "failed"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const TOKEN_STATUSES = ["active", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const STAGE_CHANGE_KINDS = ["advance", "rollback"] as const;
export type StageChangeKind = (typeof STAGE_CHANGE_KINDS)[number];

export const STAGE_CHANGE_STATUSES = ["requested", "applied", "rejected", "withdrawn"] as const;
export type StageChangeStatus = (typeof STAGE_CHANGE_STATUSES)[number];

export const INCIDENT_STATUSES = ["open", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ACTOR_KINDS = ["user", "token", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Index of a value in its ordered list; a total order for comparisons. */
export function rank<T extends string>(order: readonly T[], value: T): number {
  return order.indexOf(value);
}

/**
 * Built-in capabilities the product ships (kind "builtin"). The catalog
 * (lib/domain/catalog.ts) holds their actions.
 */
export const BUILTIN_CAPABILITY_KEYS = [
  "memory",
  "planning",
  "scheduling",
  "messaging",
  "knowledge_search",
] as const;
export type BuiltinCapabilityKey = (typeof BUILTIN_CAPABILITY_KEYS)[number];

/**
 * Connected capability types (kind "connected"). Each needs a Connection of the
 * same type in the environment; a Connection's `type` is one of these.
 */
export const CONNECTED_CAPABILITY_TYPES = ["crm", "ticketing", "email", "calendar", "webhook"] as const;
export type ConnectedCapabilityType = (typeof CONNECTED_CAPABILITY_TYPES)[number];

/** Every capability key of the catalog: built-in first, then connected. */
export const CAPABILITY_KEYS = [...BUILTIN_CAPABILITY_KEYS, ...CONNECTED_CAPABILITY_TYPES] as const;
export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];

/** A memory key: 1–200 characters of `[A-Za-z0-9._:/-]` (runtime-api.md, Memory). */
export const MEMORY_KEY_PATTERN = /^[A-Za-z0-9._:/-]{1,200}$/;
