import { sql } from "drizzle-orm";
import { foreignKey, index, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./_columns";
import { environmentEnum } from "./enums";
import { apps } from "./spaces";

/** A runtime token for one app and one environment. Only its hash is stored. */
export const runtimeTokens = pgTable(
  "runtime_tokens",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    appId: uuid().notNull(),
    environment: environmentEnum().notNull(),
    name: text().notNull(),
    /** The first characters of the token, shown to identify it (`prt_ab12…`). */
    prefix: text().notNull(),
    /** SHA-256 of the whole token, hex. */
    tokenHash: text().notNull(),
    expiresAt: ts(),
    revokedAt: ts(),
    revokedReason: text(),
    /** When a rotation replaced this token: it keeps working until this time. */
    graceEndsAt: ts(),
    replacedByTokenId: uuid(),
    /** Who created it (no foreign key: the token outlives a removed member). */
    createdByMembershipId: uuid(),
    createdAt: createdAt(),
    lastUsedAt: ts(),
  },
  (t) => [
    unique("runtime_tokens_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("runtime_tokens_hash_uq").on(t.tokenHash),
    index("runtime_tokens_space_idx").on(t.tenantId, t.spaceId, t.createdAt),
    index("runtime_tokens_app_idx").on(t.appId),
    foreignKey({
      name: "runtime_tokens_app_fk",
      columns: [t.tenantId, t.spaceId, t.appId],
      foreignColumns: [apps.tenantId, apps.spaceId, apps.id],
    }).onDelete("cascade"),
  ],
);

/** A live runtime instance, as reported by heartbeats. */
export const runtimeInstances = pgTable(
  "runtime_instances",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    appId: uuid().notNull(),
    environment: environmentEnum().notNull(),
    instanceId: text().notNull(),
    version: text().notNull().default(""),
    personaIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    tokenId: uuid(),
    firstSeenAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("runtime_instances_app_env_instance_uq").on(t.appId, t.environment, t.instanceId),
    index("runtime_instances_tenant_seen_idx").on(t.tenantId, t.lastSeenAt),
    foreignKey({
      name: "runtime_instances_app_fk",
      columns: [t.tenantId, t.spaceId, t.appId],
      foreignColumns: [apps.tenantId, apps.spaceId, apps.id],
    }).onDelete("cascade"),
  ],
);
