import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { DEFAULT_BACKOFF_SECONDS, SIGNATURE_HEADER, signPayload } from "../../lib/notifications/signature";
import type { Db } from "../client";
import { spaceWebhooks, webhookDeliveries } from "../schema";
import { openWebhookSecret } from "./webhooks";

export interface DeliveryOptions {
  now?: () => Date;
  /** Seconds to wait after the n-th failure; its length + 1 is the number of attempts. */
  backoffSeconds?: readonly number[];
  /** How many due deliveries one pass claims. */
  batch?: number;
  /** How long a claimed delivery is held before another worker may retry it (crash safety). */
  leaseSeconds?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface DeliveryPassResult {
  attempted: number;
  delivered: number;
  failed: number;
}

/**
 * One pass of the delivery worker. Due deliveries are claimed in a short transaction with
 * `FOR UPDATE SKIP LOCKED` and leased (their next attempt pushed out), so several processes
 * never send the same one at once; the POSTs happen outside any transaction; each result is
 * written with a conditional update. A 2xx answer delivers; anything else (other status,
 * network error, timeout) schedules the next attempt by the backoff, until the attempts run out.
 */
export async function deliverDueWebhooks(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryPassResult> {
  const now = opts.now ?? (() => new Date());
  const backoff = opts.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  const maxAttempts = backoff.length + 1;
  const doFetch = opts.fetch ?? fetch;
  const startedAt = now();
  const leaseUntil = new Date(startedAt.getTime() + (opts.leaseSeconds ?? 60) * 1000);

  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: webhookDeliveries.id,
        tenantId: webhookDeliveries.tenantId,
        webhookId: webhookDeliveries.webhookId,
        eventType: webhookDeliveries.eventType,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
        url: spaceWebhooks.url,
        secretCiphertext: spaceWebhooks.secretCiphertext,
      })
      .from(webhookDeliveries)
      .innerJoin(
        spaceWebhooks,
        and(eq(spaceWebhooks.id, webhookDeliveries.webhookId), eq(spaceWebhooks.tenantId, webhookDeliveries.tenantId)),
      )
      .where(
        and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, startedAt), eq(spaceWebhooks.enabled, true)),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(opts.batch ?? 20)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: leaseUntil })
        .where(inArray(webhookDeliveries.id, due.map((d) => d.id)));
    }
    return due;
  });

  const result: DeliveryPassResult = { attempted: claimed.length, delivered: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (d) => {
      let code: number | null = null;
      let error: string | null = null;
      try {
        const secret = openWebhookSecret(d.tenantId, d.webhookId, d.secretCiphertext);
        const t = Math.floor(now().getTime() / 1000);
        const res = await doFetch(d.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "PersonaConsole-Webhooks/1",
            "persona-event": d.eventType,
            "persona-delivery": d.id,
            [SIGNATURE_HEADER.toLowerCase()]: signPayload(secret, d.body, t),
          },
          body: d.body,
          redirect: "manual",
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        code = res.status;
        await res.body?.cancel().catch(() => {});
        if (code < 200 || code >= 300) error = `HTTP ${code}`;
      } catch (e) {
        error = describeError(e);
      }
      const at = now();
      const attempts = d.attempts + 1;
      const ok = error === null;
      const exhausted = !ok && attempts >= maxAttempts;
      await db
        .update(webhookDeliveries)
        .set({
          status: ok ? "delivered" : exhausted ? "failed" : "pending",
          attempts,
          lastAttemptAt: at,
          lastResponseCode: code,
          lastError: error,
          deliveredAt: ok ? at : null,
          nextAttemptAt: ok || exhausted ? at : new Date(at.getTime() + backoff[attempts - 1]! * 1000),
        })
        .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, "pending")));
      if (ok) result.delivered++;
      else result.failed++;
    }),
  );
  return result;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return "Timed out";
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const text = cause?.code ?? cause?.message ?? e.message;
    return text.slice(0, 200);
  }
  return "Delivery failed";
}
