import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Policy } from "../../lib/domain/constants";
import { createdAt, id, ts } from "./_columns";
import {
  environmentEnum,
  incidentStatusEnum,
  personaStatusEnum,
  stageChangeKindEnum,
  stageChangeStatusEnum,
  stageEnum,
} from "./enums";
import { memberships } from "./identity";
import { apps, spaces } from "./spaces";

/** The persistent AI entity, inside one space, at one rollout stage. */
export const personas = pgTable(
  "personas",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    name: text().notNull(),
    purpose: text().notNull().default(""),
    ownerMembershipId: uuid(),
    status: personaStatusEnum().notNull().default("active"),
    stage: stageEnum().notNull().default("pilot"),
    stageEnteredAt: ts().notNull().defaultNow(),
    pausedAt: ts(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
    archivedAt: ts(),
  },
  (t) => [
    unique("personas_tenant_id_uq").on(t.tenantId, t.id),
    unique("personas_tenant_space_id_uq").on(t.tenantId, t.spaceId, t.id),
    index("personas_space_idx").on(t.tenantId, t.spaceId),
    index("personas_tenant_stage_idx").on(t.tenantId, t.stage),
    foreignKey({
      name: "personas_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "personas_owner_fk",
      columns: [t.tenantId, t.ownerMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
  ],
);

/** Which apps expose a persona. App and persona must live in the same space. */
export const personaApps = pgTable(
  "persona_apps",
  {
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    appId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personaId, t.appId] }),
    index("persona_apps_app_idx").on(t.appId),
    foreignKey({
      name: "persona_apps_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "persona_apps_app_fk",
      columns: [t.tenantId, t.spaceId, t.appId],
      foreignColumns: [apps.tenantId, apps.spaceId, apps.id],
    }).onDelete("cascade"),
  ],
);

/** A capability for one persona in one environment, with a per-action policy. */
export const capabilityGrants = pgTable(
  "capability_grants",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    capabilityKey: text().notNull(),
    environment: environmentEnum().notNull(),
    enabled: boolean().notNull().default(false),
    /** actionKey → policy (deny | review | allow); always inside the stage bounds. */
    policies: jsonb().$type<Record<string, Policy>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("capability_grants_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("capability_grants_persona_cap_env_uq").on(
      t.personaId,
      t.capabilityKey,
      t.environment,
    ),
    foreignKey({
      name: "capability_grants_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
  ],
);

/** A pause of a persona (kill switch); open until resumed with a resolution note. */
export const incidents = pgTable(
  "incidents",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    status: incidentStatusEnum().notNull().default("open"),
    reason: text().notNull(),
    openedByMembershipId: uuid(),
    openedAt: ts().notNull().defaultNow(),
    resolution: text(),
    resolvedByMembershipId: uuid(),
    resolvedAt: ts(),
  },
  (t) => [
    unique("incidents_tenant_id_uq").on(t.tenantId, t.id),
    index("incidents_persona_idx").on(t.personaId, t.openedAt),
    uniqueIndex("incidents_one_open_per_persona_uq")
      .on(t.personaId)
      .where(sql`${t.status} = 'open'`),
    foreignKey({
      name: "incidents_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
  ],
);

/** A request to change a persona's stage, and its application. */
export const stageChanges = pgTable(
  "stage_changes",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    kind: stageChangeKindEnum().notNull(),
    fromStage: stageEnum().notNull(),
    toStage: stageEnum().notNull(),
    status: stageChangeStatusEnum().notNull(),
    reason: text().notNull(),
    requestedByMembershipId: uuid(),
    requestedAt: ts().notNull().defaultNow(),
    signedOffByMembershipId: uuid(),
    signedOffAt: ts(),
    signOffNote: text(),
    /** True when a failed gate or a self sign-off was overridden by an owner. */
    override: boolean().notNull().default(false),
    overrideJustification: text(),
    /** The gate's criteria with values at the moment of the request / sign-off. */
    gateEvidence: jsonb().$type<unknown>(),
    /** The grants as they were before a rollback rewrote them. */
    grantSnapshot: jsonb().$type<unknown>(),
    appliedAt: ts(),
  },
  (t) => [
    unique("stage_changes_tenant_id_uq").on(t.tenantId, t.id),
    index("stage_changes_persona_idx").on(t.personaId, t.requestedAt),
    uniqueIndex("stage_changes_one_open_request_uq")
      .on(t.personaId)
      .where(sql`${t.status} = 'requested'`),
    foreignKey({
      name: "stage_changes_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
  ],
);
