import type { Db } from "../client";
import { deliverDueWebhooks, type DeliveryOptions } from "./delivery";
import { sweepGates } from "./gate-sweep";

/**
 * The notification workers of one server process: the webhook delivery worker polls
 * `webhook_deliveries` every `deliveryEveryMs` (safe with several processes: claims use
 * FOR UPDATE SKIP LOCKED), and the gate sweep runs every `gateEveryMs`. A pass never
 * overlaps itself. Returns a stop function.
 */
export function startNotificationWorkers(
  db: Db,
  opts: { deliveryEveryMs?: number; gateEveryMs?: number; delivery?: DeliveryOptions } = {},
): () => void {
  const loop = (name: string, everyMs: number, pass: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      pass()
        .catch((err: unknown) => console.error(`[${name}]`, err))
        .finally(() => {
          running = false;
        });
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  };
  const stops = [
    loop("webhooks", opts.deliveryEveryMs ?? 2_000, async () => {
      // Drain what is due, a batch at a time.
      for (let i = 0; i < 10; i++) if ((await deliverDueWebhooks(db, opts.delivery)).attempted === 0) break;
    }),
    loop("gates", opts.gateEveryMs ?? 60_000, () => sweepGates(db)),
  ];
  return () => stops.forEach((stop) => stop());
}
