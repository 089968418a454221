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
import type { Environment } from "../../lib/domain/constants";
import { createdAt, id, ts } from "./_columns";
import {
  appKindEnum,
  environmentEnum,
  runtimeHostingEnum,
  spaceRoleEnum,
  spaceStatusEnum,
} from "./enums";
import { memberships, teams, tenants } from "./identity";

/** A working environment inside a tenant: its personas, apps, connections and bounds. */
export const spaces = pgTable(
  "spaces",
  {
    id: id(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    status: spaceStatusEnum().notNull().default("active"),
    /** The environments this space may touch. */
    environments: environmentEnum()
      .array()
      .notNull()
      .default(sql`'{sandbox}'::environment[]`)
      .$type<Environment[]>(),
    runtimeOwnerMembershipId: uuid(),
    runtimeOwnerTeamId: uuid(),
    runtimeHosting: runtimeHostingEnum().notNull().default("vendor"),
    /** Seconds a pending action waits for reviewers before it expires (fail closed). */
    reviewTtlSeconds: integer().notNull().default(86_400),
    /** Tightenings of the stage bounds table (never loosenings); see lib/domain/stages. */
    boundsOverride: jsonb().$type<Record<string, unknown>>(),
    /** Gate thresholds edited by owners, per stage; defaults come from lib/domain/gate. */
    gateThresholds: jsonb().$type<Record<string, unknown>>(),
    /** Earned-autonomy settings (approvals needed, window); defaults in lib. */
    autonomySettings: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
    archivedAt: ts(),
  },
  (t) => [
    unique("spaces_tenant_id_uq").on(t.tenantId, t.id),
    index("spaces_tenant_name_idx").on(t.tenantId, t.name),
    check("spaces_review_ttl_positive", sql`${t.reviewTtlSeconds} > 0`),
    check(
      "spaces_single_runtime_owner",
      sql`${t.runtimeOwnerMembershipId} is null or ${t.runtimeOwnerTeamId} is null`,
    ),
    foreignKey({
      name: "spaces_runtime_owner_member_fk",
      columns: [t.tenantId, t.runtimeOwnerMembershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      name: "spaces_runtime_owner_team_fk",
      columns: [t.tenantId, t.runtimeOwnerTeamId],
      foreignColumns: [teams.tenantId, teams.id],
    }),
  ],
);

/** A team or a member given a role in one space. */
export const spaceGrants = pgTable(
  "space_grants",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    membershipId: uuid(),
    teamId: uuid(),
    role: spaceRoleEnum().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "space_grants_one_grantee",
      sql`(${t.membershipId} is null) <> (${t.teamId} is null)`,
    ),
    uniqueIndex("space_grants_space_member_uq")
      .on(t.spaceId, t.membershipId)
      .where(sql`${t.membershipId} is not null`),
    uniqueIndex("space_grants_space_team_uq")
      .on(t.spaceId, t.teamId)
      .where(sql`${t.teamId} is not null`),
    index("space_grants_membership_idx").on(t.membershipId),
    index("space_grants_team_idx").on(t.teamId),
    foreignKey({
      name: "space_grants_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "space_grants_membership_fk",
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "space_grants_team_fk",
      columns: [t.tenantId, t.teamId],
      foreignColumns: [teams.tenantId, teams.id],
    }).onDelete("cascade"),
  ],
);

/** An integration identity / surface through which personas are exposed. */
export const apps = pgTable(
  "apps",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    name: text().notNull(),
    kind: appKindEnum().notNull(),
    description: text().notNull().default(""),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
    archivedAt: ts(),
  },
  (t) => [
    unique("apps_tenant_id_uq").on(t.tenantId, t.id),
    unique("apps_tenant_space_id_uq").on(t.tenantId, t.spaceId, t.id),
    index("apps_space_idx").on(t.tenantId, t.spaceId),
    foreignKey({
      name: "apps_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
  ],
);

/** An external system reached by connected capabilities, for one environment. */
export const connections = pgTable(
  "connections",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    /** Connected capability type from the catalog (crm, ticketing, email, …). */
    type: text().notNull(),
    name: text().notNull(),
    environment: environmentEnum().notNull(),
    /** AES-256-GCM ciphertext of the credentials (never leaves db/ in clear). */
    credentialsCiphertext: text(),
    credentialsUpdatedAt: ts(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("connections_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("connections_space_type_env_uq").on(t.spaceId, t.type, t.environment),
    foreignKey({
      name: "connections_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
  ],
);
