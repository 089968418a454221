/**
 * In-process bus of runtime changes (an action changed). Long-polls wait on it
 * without holding a database connection. It lives on globalThis: the custom
 * server and Next's bundles are two module graphs in one process. Other
 * processes reach it through PostgreSQL LISTEN/NOTIFY (db/runtime/events.ts).
 */
import { EventEmitter } from "node:events";

const KEY = Symbol.for("persona-console.runtime-bus");
type Holder = { [KEY]?: EventEmitter };

function bus(): EventEmitter {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const e = new EventEmitter();
    e.setMaxListeners(0);
    g[KEY] = e;
  }
  return g[KEY];
}

/** Tell waiters in this process that an action changed. */
export function emitActionChanged(actionId: string): void {
  bus().emit(`action:${actionId}`);
}

/** Call `cb` when the action changes; returns the unsubscribe function. */
export function onActionChanged(actionId: string, cb: () => void): () => void {
  const name = `action:${actionId}`;
  bus().on(name, cb);
  return () => bus().off(name, cb);
}

/** Resolve when the action changes, after `ms`, or when the signal aborts. Never rejects. */
export function waitForActionChange(actionId: string, ms: number, signal?: AbortSignal): Promise<"changed" | "timeout"> {
  return new Promise((resolve) => {
    let off = () => {};
    const done = (why: "changed" | "timeout") => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onAbort = () => done("timeout");
    const timer = setTimeout(() => done("timeout"), Math.max(0, ms));
    off = onActionChanged(actionId, () => done("changed"));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
