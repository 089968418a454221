import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./_columns";
import {
  actionStatusEnum,
  decidedByEnum,
  effectEnum,
  environmentEnum,
  outcomeStatusEnum,
  reasonCodeEnum,
  reviewDecisionEnum,
  riskEnum,
  stageEnum,
} from "./enums";
import { memberships } from "./identity";
import { personas } from "./personas";
import { apps } from "./spaces";

/** What a persona proposed to do, how it was decided, and what happened. */
export const actions = pgTable(
  "actions",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    appId: uuid().notNull(),
    tokenId: uuid(),
    environment: environmentEnum().notNull(),
    /** Catalog action key as proposed (may be unknown to the catalog: then denied). */
    actionKey: text().notNull(),
    capabilityKey: text(),
    risk: riskEnum(),
    effect: effectEnum(),
    /** The persona's stage when it proposed the action. */
    stage: stageEnum().notNull(),
    input: jsonb().$type<unknown>(),
    onBehalfOf: text(),
    reason: text(),
    status: actionStatusEnum().notNull(),
    reasonCode: reasonCodeEnum().notNull(),
    decidedBy: decidedByEnum(),
    /** Frozen when the action is proposed. */
    requiredApprovals: integer().notNull(),
    /** The rules the gateway checked, in order, with the inputs each saw. */
    decisionPath: jsonb().$type<unknown>().notNull(),
    idempotencyKey: text(),
    /** SHA-256 of the canonical request body, to tell a replay from a conflict. */
    requestHash: text(),
    /** The first response, replayed for the same idempotency key. */
    responseBody: jsonb().$type<unknown>(),
    expiresAt: ts(),
    decidedAt: ts(),
    outcomeStatus: outcomeStatusEnum(),
    outcomeOutput: jsonb().$type<unknown>(),
    outcomeError: text(),
    outcomeAt: ts(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("actions_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("actions_idempotency_uq")
      .on(t.appId, t.environment, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    check("actions_required_approvals_range", sql`${t.requiredApprovals} between 0 and 5`),
    // review queue: pending per tenant / space, newest first
    index("actions_tenant_status_created_idx").on(t.tenantId, t.status, t.createdAt),
    index("actions_space_status_created_idx").on(t.spaceId, t.status, t.createdAt),
    // review queue at scale: pending only, in queue order (highest risk first, then newest), so
    // the first page is read off the index instead of sorting every pending action
    index("actions_pending_queue_tenant_idx")
      .on(t.tenantId, t.risk.desc().nullsLast(), t.createdAt.desc())
      .where(sql`${t.status} = 'pending'`),
    index("actions_pending_queue_space_idx")
      .on(t.spaceId, t.risk.desc().nullsLast(), t.createdAt.desc())
      .where(sql`${t.status} = 'pending'`),
    // runtime list: persona's actions per app + environment, newest first
    index("actions_persona_app_env_created_idx").on(
      t.personaId,
      t.appId,
      t.environment,
      t.createdAt,
    ),
    // gate evidence: per persona and stage over time
    index("actions_persona_stage_created_idx").on(t.personaId, t.stage, t.createdAt),
    index("actions_pending_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
    foreignKey({
      name: "actions_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "actions_app_fk",
      columns: [t.tenantId, t.spaceId, t.appId],
      foreignColumns: [apps.tenantId, apps.spaceId, apps.id],
    }).onDelete("cascade"),
  ],
);

/** One reviewer's decision on one action. */
export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    tenantId: uuid().notNull(),
    actionId: uuid().notNull(),
    reviewerMembershipId: uuid().notNull(),
    decision: reviewDecisionEnum().notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("reviews_action_reviewer_uq").on(t.actionId, t.reviewerMembershipId),
    index("reviews_reviewer_idx").on(t.reviewerMembershipId, t.createdAt),
    check(
      "reviews_reject_needs_comment",
      sql`${t.decision} <> 'reject' or length(coalesce(${t.comment}, '')) > 0`,
    ),
    foreignKey({
      name: "reviews_action_fk",
      columns: [t.tenantId, t.actionId],
      foreignColumns: [actions.tenantId, actions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "reviews_reviewer_fk",
      columns: [t.tenantId, t.reviewerMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
  ],
);
