import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { WEBHOOK_EVENT_TYPES, type NotificationKind } from "../../lib/notifications/kinds";
import type { Executor } from "../client";
import { notifications, personas, spaces, spaceWebhooks, webhookDeliveries } from "../schema";

export interface NotifyInput {
  tenantId: string;
  spaceId: string;
  kind: NotificationKind;
  personaId?: string | null;
  /** The action, stage change or incident it is about. */
  subjectId?: string | null;
  title: string;
  body?: string;
  /** Console path where it is handled. */
  href: string;
  /** The member who caused it (they are not told about it); null for the runtime or the system. */
  actorMembershipId?: string | null;
}

/** The JSON body POSTed to a space's webhook (documented in README, "Webhooks"). */
export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  tenantId: string;
  space: { id: string; name: string };
  persona: { id: string; name: string } | null;
  title: string;
  body: string;
  /** Console path where it is handled (relative to the console's address). */
  link: string;
}

/**
 * Record a notification in the caller's transaction (the one that made the event), and,
 * when the space has an enabled webhook, queue its delivery in the same transaction: a
 * rolled-back event tells nobody, a committed one is always delivered (at least once).
 * Who sees it is resolved when read (lib/notifications/kinds.ts).
 */
export async function notify(tx: Executor, input: NotifyInput): Promise<{ id: string }> {
  const id = uuidv7();
  const createdAt = new Date();
  await tx.insert(notifications).values({
    id,
    tenantId: input.tenantId,
    spaceId: input.spaceId,
    personaId: input.personaId ?? null,
    kind: input.kind,
    subjectId: input.subjectId ?? null,
    title: input.title,
    body: input.body ?? "",
    href: input.href,
    actorMembershipId: input.actorMembershipId ?? null,
    createdAt,
  });
  const [hook] = await tx
    .select({ id: spaceWebhooks.id, spaceName: spaces.name })
    .from(spaceWebhooks)
    .innerJoin(spaces, and(eq(spaces.id, spaceWebhooks.spaceId), eq(spaces.tenantId, spaceWebhooks.tenantId)))
    .where(and(eq(spaceWebhooks.tenantId, input.tenantId), eq(spaceWebhooks.spaceId, input.spaceId), eq(spaceWebhooks.enabled, true)));
  if (hook) {
    let persona: WebhookPayload["persona"] = null;
    if (input.personaId) {
      const [p] = await tx
        .select({ id: personas.id, name: personas.name })
        .from(personas)
        .where(and(eq(personas.id, input.personaId), eq(personas.tenantId, input.tenantId)));
      persona = p ?? null;
    }
    const payload: WebhookPayload = {
      id,
      type: WEBHOOK_EVENT_TYPES[input.kind],
      createdAt: createdAt.toISOString(),
      tenantId: input.tenantId,
      space: { id: input.spaceId, name: hook.spaceName },
      persona,
      title: input.title,
      body: input.body ?? "",
      link: input.href,
    };
    await tx.insert(webhookDeliveries).values({
      tenantId: input.tenantId,
      spaceId: input.spaceId,
      webhookId: hook.id,
      notificationId: id,
      eventType: payload.type,
      body: JSON.stringify(payload),
      nextAttemptAt: createdAt,
    });
  }
  return { id };
}
