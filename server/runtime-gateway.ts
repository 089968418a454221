import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { getDbHandle } from "../db";
import { createRuntimeApp, RUNTIME_BASE_PATH, type RuntimeApp } from "./runtime/app";

export { RUNTIME_BASE_PATH };

/**
 * Mount point of the runtime gateway (../shared/runtime-api.md). server.ts hands it
 * every `/api/runtime/v1` request before Next's handler, in the same process and
 * on the same database handle.
 */
const KEY = Symbol.for("persona-console.runtime-gateway");
type Holder = { [KEY]?: { app: RuntimeApp; listener: ReturnType<typeof getRequestListener> } };

function gateway() {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const app = createRuntimeApp({ handle: getDbHandle });
    void app.start().catch((e: unknown) => console.error("[runtime] could not start LISTEN", e));
    g[KEY] = { app, listener: getRequestListener(app.fetch) };
  }
  return g[KEY];
}

export async function handleRuntimeRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await gateway().listener(req, res);
}

/** Flush token "last used" times (on shutdown). */
export async function flushRuntimeGateway(): Promise<void> {
  await (globalThis as Holder)[KEY]?.app.flushLastUsed();
}
