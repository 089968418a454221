/**
 * Cross-process half of the runtime bus: every action change is NOTIFYed on
 * PostgreSQL inside the writing transaction (delivered on commit); each server
 * process LISTENs once and forwards to its in-process bus (lib/runtime/events).
 */
import { sql } from "drizzle-orm";
import { emitActionChanged } from "../../lib/runtime/events";
import type { DbHandle, Executor } from "../client";

export const RUNTIME_CHANNEL = "persona_runtime";

/** NOTIFY other processes that an action changed (inside the caller's transaction). */
export async function notifyActionChanged(tx: Executor, actionId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${RUNTIME_CHANNEL}, ${`action:${actionId}`})`);
}

const listening = new WeakMap<object, Promise<void>>();

/** Start (once per handle) forwarding PostgreSQL notifications to the in-process bus. */
export function ensureRuntimeListener(handle: DbHandle): Promise<void> {
  const client = handle.sql;
  if (!client) return Promise.resolve(); // PGlite: one process, the in-process bus is enough
  let p = listening.get(client);
  if (!p) {
    p = client
      .listen(RUNTIME_CHANNEL, (payload) => {
        if (payload.startsWith("action:")) emitActionChanged(payload.slice("action:".length));
      })
      .then(() => undefined)
      .catch((e: unknown) => {
        listening.delete(client);
        console.error("[runtime] LISTEN failed", e);
      });
    listening.set(client, p);
  }
  return p;
}
