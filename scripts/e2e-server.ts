/**
 * Starts the built console for browser tests on a fresh database: a new
 * embedded data dir (seeded on first start), or — when DATABASE_URL is set — a
 * freshly created PostgreSQL database, migrated and seeded before start.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createFreshDatabase, dropDatabase } from "../db/test-utils";

const port = process.env.E2E_PORT ?? "3210";
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  HOSTNAME: "127.0.0.1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123",
  // Test-only key for connection credentials (required in production on PostgreSQL).
  CONNECTION_SECRET_KEY: process.env.CONNECTION_SECRET_KEY ?? Buffer.alloc(32, 7).toString("base64"),
  NEXT_TELEMETRY_DISABLED: "1",
  E2E_FIXTURES: "1",
};

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `persona_e2e_${process.pid}`;
    childEnv.DATABASE_URL = await createFreshDatabase(baseUrl, name);
    // Migrate and seed the demo data (explicitly: this is not a production start).
    const { openDatabase } = await import("../db/client");
    const { seedDemo } = await import("../db/seed");
    const h = await openDatabase({ url: childEnv.DATABASE_URL, migrate: true });
    await seedDemo(h.db);
    await h.close();
    const cleanup = () => dropDatabase(baseUrl, name).catch(() => {});
    run(cleanup);
  } else {
    const dir = path.resolve(".data", `e2e-${port}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
    childEnv.PGLITE_DATA_DIR = path.join(dir, "pglite");
    delete childEnv.DATABASE_URL;
    run(async () => fs.rmSync(dir, { recursive: true, force: true }));
  }
}

function run(cleanup: () => Promise<void>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env: childEnv, stdio: "inherit" });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code) => {
    void cleanup().finally(() => process.exit(code ?? 0));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
