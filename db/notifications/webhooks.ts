import { and, desc, eq, lt } from "drizzle-orm";
import { auditActor, type Actor } from "../../lib/actor";
import { openSecret, sealSecret } from "../../lib/crypto/secret-box";
import type { TenantRole } from "../../lib/domain/constants";
import { connectionSecretKey } from "../../lib/env";
import { NotFoundError } from "../../lib/errors";
import type { WebhookDeliveryStatus } from "../../lib/notifications/kinds";
import { newWebhookSecret } from "../../lib/notifications/signature";
import { recordAudit } from "../audit";
import type { Executor, Tx } from "../client";
import { notifications, spaces, spaceWebhooks, webhookDeliveries } from "../schema";

/** The additional data that binds a webhook secret's ciphertext to its row. */
export const webhookAad = (tenantId: string, webhookId: string) => `webhook:${tenantId}:${webhookId}`;

export function sealWebhookSecret(tenantId: string, webhookId: string, secret: string): string {
  return sealSecret(secret, connectionSecretKey(), webhookAad(tenantId, webhookId));
}

export function openWebhookSecret(tenantId: string, webhookId: string, sealed: string): string {
  return openSecret(sealed, connectionSecretKey(), webhookAad(tenantId, webhookId));
}

function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

export interface SpaceWebhook {
  id: string;
  url: string;
  enabled: boolean;
  secretRotatedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The space's webhook (never its secret), or null. */
export async function getSpaceWebhook(db: Executor, tenantId: string, spaceId: string): Promise<SpaceWebhook | null> {
  const [w] = await db
    .select({
      id: spaceWebhooks.id,
      url: spaceWebhooks.url,
      enabled: spaceWebhooks.enabled,
      secretRotatedAt: spaceWebhooks.secretRotatedAt,
      createdAt: spaceWebhooks.createdAt,
      updatedAt: spaceWebhooks.updatedAt,
    })
    .from(spaceWebhooks)
    .where(and(eq(spaceWebhooks.tenantId, tenantId), eq(spaceWebhooks.spaceId, spaceId)));
  return w ?? null;
}

async function loadSpace(tx: Tx, actor: Actor, spaceId: string) {
  const [s] = await tx
    .select({ id: spaces.id, name: spaces.name })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!s) throw new NotFoundError("That space");
  return s;
}

/**
 * Set the space's webhook URL (and whether it is on). Creating it makes a signing secret,
 * returned once for the owner to copy; changing the URL keeps the secret. Audited
 * (`webhook.configured`), never with the secret.
 */
export async function configureSpaceWebhook(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; url: string; enabled: boolean },
): Promise<{ id: string; secret: string | null }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const [existing] = await tx
    .select({ id: spaceWebhooks.id, url: spaceWebhooks.url, enabled: spaceWebhooks.enabled })
    .from(spaceWebhooks)
    .where(and(eq(spaceWebhooks.tenantId, actor.tenantId), eq(spaceWebhooks.spaceId, space.id)))
    .for("update");
  let id: string;
  let secret: string | null = null;
  if (existing) {
    id = existing.id;
    await tx
      .update(spaceWebhooks)
      .set({ url: input.url, enabled: input.enabled, updatedAt: new Date() })
      .where(and(eq(spaceWebhooks.id, id), eq(spaceWebhooks.tenantId, actor.tenantId)));
  } else {
    const [row] = await tx
      .insert(spaceWebhooks)
      .values({ tenantId: actor.tenantId, spaceId: space.id, url: input.url, enabled: input.enabled, secretCiphertext: "pending" })
      .returning({ id: spaceWebhooks.id });
    id = row!.id;
    secret = newWebhookSecret();
    await tx
      .update(spaceWebhooks)
      .set({ secretCiphertext: sealWebhookSecret(actor.tenantId, id, secret) })
      .where(eq(spaceWebhooks.id, id));
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "webhook.configured",
    target: { type: "webhook", id, label: space.name },
    spaceId: space.id,
    // Only the host: many chat webhook URLs carry a secret in their path.
    before: existing ? { host: urlHost(existing.url), enabled: existing.enabled } : null,
    after: { host: urlHost(input.url), enabled: input.enabled, secretCreated: secret !== null },
  });
  return { id, secret };
}

/** Replace the signing secret; the new one is returned once. Pending deliveries are signed with it. */
export async function rotateSpaceWebhookSecret(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string },
): Promise<{ id: string; secret: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const [w] = await tx
    .select({ id: spaceWebhooks.id })
    .from(spaceWebhooks)
    .where(and(eq(spaceWebhooks.tenantId, actor.tenantId), eq(spaceWebhooks.spaceId, space.id)))
    .for("update");
  if (!w) throw new NotFoundError("That webhook");
  const secret = newWebhookSecret();
  const now = new Date();
  await tx
    .update(spaceWebhooks)
    .set({ secretCiphertext: sealWebhookSecret(actor.tenantId, w.id, secret), secretRotatedAt: now, updatedAt: now })
    .where(and(eq(spaceWebhooks.id, w.id), eq(spaceWebhooks.tenantId, actor.tenantId)));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "webhook.secret_rotated",
    target: { type: "webhook", id: w.id, label: space.name },
    spaceId: space.id,
  });
  return { id: w.id, secret };
}

/** Remove the space's webhook and its delivery history. */
export async function removeSpaceWebhook(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string },
): Promise<{ id: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const [w] = await tx
    .delete(spaceWebhooks)
    .where(and(eq(spaceWebhooks.tenantId, actor.tenantId), eq(spaceWebhooks.spaceId, space.id)))
    .returning({ id: spaceWebhooks.id, url: spaceWebhooks.url });
  if (!w) throw new NotFoundError("That webhook");
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "webhook.removed",
    target: { type: "webhook", id: w.id, label: space.name },
    spaceId: space.id,
    before: { host: urlHost(w.url) },
  });
  return { id: w.id };
}

export interface WebhookDeliveryRow {
  id: string;
  eventType: string;
  /** The notification's title (what the receiver was told). */
  title: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastResponseCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** The space's deliveries, newest first, keyset-paginated by id (UUID v7). */
export async function listWebhookDeliveries(
  db: Executor,
  tenantId: string,
  spaceId: string,
  opts: { limit?: number; before?: string | null } = {},
): Promise<{ items: WebhookDeliveryRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      title: notifications.title,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastResponseCode: webhookDeliveries.lastResponseCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(notifications, and(eq(notifications.id, webhookDeliveries.notificationId), eq(notifications.tenantId, webhookDeliveries.tenantId)))
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.spaceId, spaceId),
        opts.before ? lt(webhookDeliveries.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
