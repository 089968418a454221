import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, ts } from "./_columns";
import { actorKindEnum, auditVerbEnum, tenantRoleEnum } from "./enums";
import { tenants } from "./identity";

/**
 * Append-only, hash-chained per tenant. The database refuses UPDATE, DELETE and
 * TRUNCATE on this table (triggers in the migration). `payload` is the canonical
 * text the hash covers; the other columns are its queryable copy.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    seq: bigint({ mode: "number" }).notNull(),
    at: ts().notNull(),
    actorKind: actorKindEnum().notNull(),
    actorUserId: uuid(),
    actorTokenId: uuid(),
    /** Display label of the actor when it was written (email, token name, "system"). */
    actorLabel: text().notNull(),
    actorRole: tenantRoleEnum(),
    verb: auditVerbEnum().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    targetLabel: text(),
    spaceId: uuid(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    payload: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    unique("audit_events_tenant_seq_uq").on(t.tenantId, t.seq),
    index("audit_events_tenant_at_idx").on(t.tenantId, t.at),
    index("audit_events_tenant_space_idx").on(t.tenantId, t.spaceId, t.seq),
    index("audit_events_tenant_verb_idx").on(t.tenantId, t.verb, t.seq),
    index("audit_events_tenant_actor_idx").on(t.tenantId, t.actorUserId, t.seq),
    index("audit_events_tenant_token_idx").on(t.tenantId, t.actorTokenId, t.seq),
    // Events with neither a person nor a token behind them (system, seed): the actor filter
    // matches these on their label.
    index("audit_events_tenant_unattributed_idx")
      .on(t.tenantId, t.seq)
      .where(sql`${t.actorUserId} IS NULL AND ${t.actorTokenId} IS NULL`),
  ],
);

/** The head of each tenant's chain: the row lock on it serializes appends per tenant. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  seq: bigint({ mode: "number" }).notNull().default(0),
  hash: text().notNull(),
});
