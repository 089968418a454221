/**
 * Gateway benchmark (not a test): starts the built console (`npm run build` first) with the
 * server pinned to core 0, loads it from core 1, and prints req/s at 50 connections and
 * p50/p99 at a fixed, evenly spaced rate, each with its ratio to a bare Next.js route handler.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * On PostgreSQL it creates (and drops) a database `persona_bench_<pid>`; without DATABASE_URL
 * it runs on a throwaway embedded PGlite directory.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { makeRuntimeFixture, setGrant } from "../db/runtime/test-fixtures";
import { createFreshDatabase, dropDatabase } from "../db/test-utils";
import { peakRssMiB, quantile, serverPidOf, waitForServer } from "./lib/measure";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3290" },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PORT = Number(args.port);
const root = path.resolve(import.meta.dirname, "..");

function pin(pid: number, core: number) {
  try {
    execFileSync("taskset", ["-a", "-cp", String(core), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Target {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: () => string;
  expect: number;
  rate: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function send(t: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = t.body?.();
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method: t.method,
        path: t.path,
        agent,
        headers: { ...t.headers, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function throughput(t: Target): Promise<{ rps: number; errors: number }> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const status = await send(t).catch(() => 0);
        if (status === t.expect) done++;
        else errors++;
      }
    }),
  );
  return { rps: done / SECONDS, errors };
}

/** Requests evenly spaced at `rate`/s; latency measured from each request's scheduled time. */
async function latency(t: Target): Promise<{ p50: number; p99: number; errors: number }> {
  const total = Math.round(t.rate * SECONDS);
  const interval = 1000 / t.rate;
  const start = performance.now() + 50;
  const lat: number[] = [];
  let errors = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    let now = performance.now();
    if (due - now > 2) await new Promise((r) => setTimeout(r, due - now - 1));
    // Yield to the event loop (responses must be read) while waiting for the due time.
    while ((now = performance.now()) < due) await new Promise((r) => setImmediate(r));
    inflight.push(
      send(t)
        .then((status) => {
          if (status === t.expect) lat.push(performance.now() - due);
          else errors++;
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inflight);
  lat.sort((a, b) => a - b);
  return { p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), errors };
}


async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("Run `npm run build` first.");
  const cores = os.cpus().length;
  const pinnedLoad = cores > 1 && pin(process.pid, 1);
  const base = process.env.DATABASE_URL;
  const dbName = `persona_bench_${process.pid}`;
  const dataDir = path.join(os.tmpdir(), `persona-bench-${process.pid}`);
  const url = base ? await createFreshDatabase(base, dbName) : undefined;

  // Fixture: a tenant, a space, an app, a persona and a token; an auto-allow and a review path.
  const handle = await openDatabase(url ? { url, migrate: true } : { dataDir: path.join(dataDir, "pglite"), migrate: true });
  const f = await makeRuntimeFixture(handle, { environments: ["sandbox"] });
  await setGrant(handle, f, f.personaId, "memory", "sandbox", true, { "memory.read": "allow" });
  await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "review" });
  await handle.close();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    NEXT_TELEMETRY_DISABLED: "1",
    SKIP_SEED: "1",
    RUNTIME_RATE_LIMIT_PER_SECOND: "100000000",
    RUNTIME_RATE_LIMIT_BURST: "100000000",
    ...(url ? { DATABASE_URL: url } : { DATABASE_URL: "", PGLITE_DATA_DIR: path.join(dataDir, "pglite") }),
  };
  const child = spawn("taskset", ["-c", "0", path.join(root, "node_modules/.bin/tsx"), "server.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForServer(child, `http://127.0.0.1:${PORT}`);
    const auth = { authorization: `Bearer ${f.token}` };
    const manifestPath = `/api/runtime/v1/manifest?persona=${f.personaId}`;
    const etag = await new Promise<string>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port: PORT, path: manifestPath, headers: auth, agent }, (res) => {
        res.resume();
        resolve(String(res.headers.etag));
      }).on("error", reject);
    });
    let n = 0;
    const propose = (action: string, input: object) => () => JSON.stringify({ persona: f.personaId, action, input, idempotencyKey: `bench-${process.pid}-${n++}` });
    const targets: Target[] = [
      { name: "Next route handler (ceiling)", method: "GET", path: "/api/health", expect: 200, rate: 250 },
      { name: "GET /whoami", method: "GET", path: "/api/runtime/v1/whoami", headers: auth, expect: 200, rate: 1000 },
      { name: "GET /manifest (200)", method: "GET", path: manifestPath, headers: auth, expect: 200, rate: 1000 },
      { name: "GET /manifest (304)", method: "GET", path: manifestPath, headers: { ...auth, "if-none-match": etag }, expect: 304, rate: 1000 },
      { name: "POST /actions (auto-allow)", method: "POST", path: "/api/runtime/v1/actions", headers: auth, body: propose("memory.read", { key: "bench" }), expect: 201, rate: 500 },
      { name: "POST /actions (review)", method: "POST", path: "/api/runtime/v1/actions", headers: auth, body: propose("planning.create_plan", { goal: "bench" }), expect: 201, rate: 500 },
    ];
    // Warm up every path (JIT, connection pool).
    for (const t of targets) for (let i = 0; i < 200; i++) await send(t);
    const rows: { name: string; rps: number; p50: number; p99: number; rate: number; errors: number }[] = [];
    for (const t of targets) {
      const tp = await throughput(t);
      const lt = await latency(t);
      rows.push({ name: t.name, rps: tp.rps, p50: lt.p50, p99: lt.p99, rate: t.rate, errors: tp.errors + lt.errors });
    }
    const ceiling = rows[0]!.rps;
    const rss = peakRssMiB(serverPidOf(child.pid!));
    console.log(`\nGateway benchmark — ${url ? "PostgreSQL" : "PGlite"}, server on core 0${pinnedLoad ? ", load on core 1" : " (load not pinned)"}, ${CONNECTIONS} connections, ${SECONDS}s per figure\n`);
    console.log(`| endpoint | req/s @${CONNECTIONS} conn | × Next | p50 ms | p99 ms | @ req/s (evenly spaced) | errors |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|`);
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / ceiling).toFixed(1)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rate} | ${r.errors} |`);
    }
    console.log(`\nPeak RSS of the server process: ${rss.toFixed(0)} MiB`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    agent.destroy();
    if (base) await dropDatabase(base, dbName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}


main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
