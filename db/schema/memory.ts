import { foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./_columns";
import { environmentEnum } from "./enums";
import { personas } from "./personas";

/** Continuity: a persona's key/value state, per environment. */
export const memoryItems = pgTable(
  "memory_items",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid().notNull(),
    environment: environmentEnum().notNull(),
    key: text().notNull(),
    value: jsonb().$type<unknown>().notNull(),
    version: integer().notNull().default(1),
    updatedByAppId: uuid(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memory_items_persona_env_key_uq").on(t.personaId, t.environment, t.key),
    index("memory_items_tenant_idx").on(t.tenantId, t.personaId),
    foreignKey({
      name: "memory_items_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
  ],
);
