/**
 * Persona Console's one process: a small HTTP server that answers the runtime
 * gateway (`/api/runtime/v1`, the hot path) itself and hands everything else —
 * console pages, server actions, Auth.js — to Next.js. Both share one database
 * handle (globalThis, see db/index.ts) and the domain core in lib/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { getDbHandle } from "./db";
import { EmbeddedDatabaseLockedError } from "./db/client";
import { expireOverdueActions } from "./db/mutations/reviews";
import { startNotificationWorkers } from "./db/notifications/workers";
import { DEMO_PASSWORD, DEMO_USERS } from "./db/seed";
import { env } from "./lib/env";
import { flushRuntimeGateway, handleRuntimeRequest, RUNTIME_BASE_PATH } from "./server/runtime-gateway";

async function main() {
  const e = env();
  const dev = e.NODE_ENV !== "production";

  // Open (and on the embedded database, migrate and seed) before taking traffic.
  let handle;
  try {
    handle = await getDbHandle();
  } catch (err) {
    if (err instanceof EmbeddedDatabaseLockedError) {
      console.error(`\n✖ ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const app = next({ dev, hostname: e.HOSTNAME, port: e.PORT });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    if (url === RUNTIME_BASE_PATH || url.startsWith(`${RUNTIME_BASE_PATH}/`)) {
      void handleRuntimeRequest(req, res);
      return;
    }
    void handleNext(req, res);
  });
  // Long-polls hold a request up to 30 s; keep-alive beyond that.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve) => server.listen(e.PORT, e.HOSTNAME, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : e.PORT;
  const shown = e.HOSTNAME === "0.0.0.0" || e.HOSTNAME === "::" ? "localhost" : e.HOSTNAME;
  const lines = [
    "",
    `  Persona Console is running at http://${shown}:${port}  (${dev ? "development" : "production"})`,
    `  Database: ${handle.driver === "pglite" ? `embedded PGlite at ${handle.location}` : `PostgreSQL ${handle.location}`}`,
  ];
  if (handle.driver === "pglite") {
    lines.push(
      `  Demo sign-in: ${DEMO_USERS.map((u) => u.email).join(", ")}`,
      `  Demo password: ${DEMO_PASSWORD}`,
    );
  }
  console.log(`${lines.join("\n")}\n`);

  // Fail closed: pending actions past their space's TTL become `expired`.
  const expiry = setInterval(() => {
    expireOverdueActions(handle.db).catch((err: unknown) => console.error("[expiry]", err));
  }, 15_000);
  expiry.unref();
  // Webhook deliveries (every 2 s) and the gate check (every minute); see db/notifications/workers.ts.
  const stopNotificationWorkers = startNotificationWorkers(handle.db);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n  ${signal}: shutting down…`);
    server.close();
    server.closeAllConnections();
    stopNotificationWorkers();
    await flushRuntimeGateway().catch(() => {});
    await app.close?.().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
