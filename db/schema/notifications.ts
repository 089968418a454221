import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { NOTIFICATION_KINDS, WEBHOOK_DELIVERY_STATUSES } from "../../lib/notifications/kinds";
import { createdAt, id, ts } from "./_columns";
import { stageEnum } from "./enums";
import { memberships } from "./identity";
import { personas } from "./personas";
import { spaces } from "./spaces";

export const notificationKindEnum = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", WEBHOOK_DELIVERY_STATUSES);

/**
 * Something a person should know about in one space. Recipients are resolved when read
 * (space access × the kind's permission, lib/notifications/kinds.ts), so no row per person.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    personaId: uuid(),
    kind: notificationKindEnum().notNull(),
    /** What it is about: the action, the stage change, the incident. */
    subjectId: uuid(),
    title: text().notNull(),
    body: text().notNull().default(""),
    /** Console path where it is handled. */
    href: text().notNull(),
    /** Who caused it (not told about their own doing); null for the runtime or the system. */
    actorMembershipId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("notifications_tenant_id_uq").on(t.tenantId, t.id),
    // Lists are newest first by id (UUID v7, time-ordered), filtered by tenant and spaces.
    index("notifications_tenant_id_idx").on(t.tenantId, t.id),
    index("notifications_space_id_idx").on(t.spaceId, t.id),
    foreignKey({
      name: "notifications_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
  ],
);

/** A person has read a notification (a personal preference, not governance: not audited). */
export const notificationReads = pgTable(
  "notification_reads",
  {
    tenantId: uuid().notNull(),
    notificationId: uuid().notNull(),
    membershipId: uuid().notNull(),
    readAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.membershipId, t.notificationId] }),
    index("notification_reads_notification_idx").on(t.notificationId),
    foreignKey({
      name: "notification_reads_notification_fk",
      columns: [t.tenantId, t.notificationId],
      foreignColumns: [notifications.tenantId, notifications.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "notification_reads_membership_fk",
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
  ],
);

/** The last gate result seen by the periodic sweep, so "failed after passing" can be told once. */
export const personaGateStates = pgTable(
  "persona_gate_states",
  {
    personaId: uuid().primaryKey(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    stage: stageEnum().notNull(),
    passed: boolean().notNull(),
    checkedAt: ts().notNull().defaultNow(),
    /** When `passed` last changed. */
    changedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "persona_gate_states_persona_fk",
      columns: [t.tenantId, t.spaceId, t.personaId],
      foreignColumns: [personas.tenantId, personas.spaceId, personas.id],
    }).onDelete("cascade"),
  ],
);

/** One webhook per space: every notification of the space is POSTed to it, signed. */
export const spaceWebhooks = pgTable(
  "space_webhooks",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    url: text().notNull(),
    /** AES-256-GCM ciphertext of the signing secret (needed in clear to sign; never leaves db/). */
    secretCiphertext: text().notNull(),
    enabled: boolean().notNull().default(true),
    secretRotatedAt: ts().notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("space_webhooks_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("space_webhooks_space_uq").on(t.spaceId),
    foreignKey({
      name: "space_webhooks_space_fk",
      columns: [t.tenantId, t.spaceId],
      foreignColumns: [spaces.tenantId, spaces.id],
    }).onDelete("cascade"),
  ],
);

/** One notification to deliver to one webhook, with its retry state. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    tenantId: uuid().notNull(),
    spaceId: uuid().notNull(),
    webhookId: uuid().notNull(),
    notificationId: uuid().notNull(),
    eventType: text().notNull(),
    /** The exact JSON body sent (fixed at creation; the signature covers it). */
    body: text().notNull(),
    status: webhookDeliveryStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** When a worker may (re)try it; while a worker holds it, the end of its lease. */
    nextAttemptAt: ts().notNull().defaultNow(),
    lastAttemptAt: ts(),
    lastResponseCode: integer(),
    lastError: text(),
    deliveredAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_space_id_idx").on(t.spaceId, t.id),
    index("webhook_deliveries_webhook_idx").on(t.webhookId),
    index("webhook_deliveries_notification_idx").on(t.notificationId),
    foreignKey({
      name: "webhook_deliveries_webhook_fk",
      columns: [t.tenantId, t.webhookId],
      foreignColumns: [spaceWebhooks.tenantId, spaceWebhooks.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "webhook_deliveries_notification_fk",
      columns: [t.tenantId, t.notificationId],
      foreignColumns: [notifications.tenantId, notifications.id],
    }).onDelete("cascade"),
  ],
);
