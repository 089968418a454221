import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACTION_STATUSES,
  ACTOR_KINDS,
  APP_KINDS,
  DECIDED_BY,
  EFFECTS,
  ENVIRONMENTS,
  INCIDENT_STATUSES,
  PERSONA_STATUSES,
  POLICIES,
  REASON_CODES,
  REVIEW_DECISIONS,
  RISKS,
  RUNTIME_HOSTING,
  SPACE_ROLES,
  SPACE_STATUSES,
  STAGE_CHANGE_KINDS,
  STAGE_CHANGE_STATUSES,
  STAGES,
  TENANT_ROLES,
  OUTCOME_STATUSES,
} from "../../lib/domain/constants";
import { AUDIT_VERBS } from "../../lib/audit-verbs";

export const environmentEnum = pgEnum("environment", ENVIRONMENTS);
export const stageEnum = pgEnum("stage", STAGES);
export const riskEnum = pgEnum("risk", RISKS);
export const effectEnum = pgEnum("effect", EFFECTS);
export const policyEnum = pgEnum("policy", POLICIES);
export const tenantRoleEnum = pgEnum("tenant_role", TENANT_ROLES);
export const spaceRoleEnum = pgEnum("space_role", SPACE_ROLES);
export const spaceStatusEnum = pgEnum("space_status", SPACE_STATUSES);
export const personaStatusEnum = pgEnum("persona_status", PERSONA_STATUSES);
export const appKindEnum = pgEnum("app_kind", APP_KINDS);
export const runtimeHostingEnum = pgEnum("runtime_hosting", RUNTIME_HOSTING);
export const actionStatusEnum = pgEnum("action_status", ACTION_STATUSES);
export const reasonCodeEnum = pgEnum("reason_code", REASON_CODES);
export const decidedByEnum = pgEnum("decided_by", DECIDED_BY);
export const reviewDecisionEnum = pgEnum("review_decision", REVIEW_DECISIONS);
export const outcomeStatusEnum = pgEnum("outcome_status", OUTCOME_STATUSES);
export const stageChangeKindEnum = pgEnum("stage_change_kind", STAGE_CHANGE_KINDS);
export const stageChangeStatusEnum = pgEnum("stage_change_status", STAGE_CHANGE_STATUSES);
export const incidentStatusEnum = pgEnum("incident_status", INCIDENT_STATUSES);
export const actorKindEnum = pgEnum("actor_kind", ACTOR_KINDS);
export const auditVerbEnum = pgEnum("audit_verb", AUDIT_VERBS);
