/**
 * Audit benchmark (not a test): a tenant with 1M audit events (valid chain, spread over a
 * year), then
 *   1. listAuditEvents — the query behind /audit — first page, a deep keyset page, and each
 *      filter (verb, actor, space, time range), as an owner and as a viewer: p50/p95 ms;
 *   2. the built console over HTTP: /audit first render (cold) and warm p50, and the
 *      streamed CSV / JSON Lines export of all 1M events: time to first byte, total time,
 *      size, and the server's peak RSS (the export must stream, not build in memory).
 *
 *   npm run build && npm run bench -- audit [--events 1000000]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- audit
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { listAuditEvents, type AuditFilters } from "../db/queries/console";
import { seedLargeAudit } from "../db/seed-large/audit";
import * as s from "../db/schema";
import { createFreshDatabase, dropDatabase, makeTenant } from "../db/test-utils";
import { peakRssMiB, serverPidOf, timeRuns, waitForServer } from "./lib/measure";
import type { Actor } from "../lib/actor";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    port: { type: "string", default: "3291" },
  },
  allowPositionals: true,
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const PORT = Number(args.port);
const root = path.resolve(import.meta.dirname, "..");
const BASE = `http://127.0.0.1:${PORT}`;



class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  get header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function signIn(email: string, password: string): Promise<Cookies> {
  const jar = new Cookies();
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${BASE}/` }),
  });
  jar.take(res);
  if (!jar.header.includes("session-token")) throw new Error(`sign-in failed (${res.status})`);
  return jar;
}


async function download(url: string, jar: Cookies, pid: number) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie: jar.header } });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status}`);
  let ttfb = NaN;
  let bytes = 0;
  let lines = 0;
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, peakRssMiB(pid))), 250);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  clearInterval(timer);
  return { ttfb, total: performance.now() - t0, bytes, lines, peak: Math.max(peak, peakRssMiB(pid)) };
}

async function main() {
  const base = process.env.DATABASE_URL;
  const dbName = `persona_bench_audit_${process.pid}`;
  const dataDir = path.join(os.tmpdir(), `persona-bench-audit-${process.pid}`);
  const url = base ? await createFreshDatabase(base, dbName) : undefined;
  const driver = url ? "PostgreSQL" : "PGlite";
  try {
    const handle = await openDatabase(url ? { url, migrate: true } : { dataDir: path.join(dataDir, "pglite"), migrate: true });
    const { tenantId, actors } = await makeTenant(handle, "Large Audit");
    const spaceIds: string[] = [];
    for (const name of ["North", "South", "East", "West"]) {
      const [sp] = await handle.db.insert(s.spaces).values({ tenantId, name, environments: ["sandbox"] }).returning({ id: s.spaces.id });
      spaceIds.push(sp!.id);
    }
    // The viewer sees one space only.
    await handle.db.insert(s.spaceGrants).values({ tenantId, spaceId: spaceIds[0]!, membershipId: actors.viewer.membershipId, role: "viewer" }).catch(() => {});
    const t0 = performance.now();
    let last = 0;
    await seedLargeAudit(handle.db, tenantId, {
      count: EVENTS,
      spaceIds,
      actors: [
        { label: actors.operator.email, role: "operator", userId: actors.operator.userId },
        { label: actors.owner.email, role: "owner", userId: actors.owner.userId },
      ],
      onProgress: (n) => {
        if (n - last >= 100_000 || n === EVENTS) {
          last = n;
          process.stdout.write(`\r  seeded ${n.toLocaleString("en")} events in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
      },
    });
    console.log(`\n  (${(EVENTS / ((performance.now() - t0) / 1000)).toFixed(0)} events/s)`);

    const owner: Actor = actors.owner;
    const viewer: Actor = actors.viewer;
    const mid = Math.floor(EVENTS / 2);
    const since = new Date(Date.now() - 30 * 86_400_000);
    const until = new Date(Date.now() - 23 * 86_400_000);
    const cases: { name: string; actor: Actor; beforeSeq?: number; filters?: AuditFilters }[] = [
      { name: "owner, first page", actor: owner },
      { name: `owner, deep page (before #${mid.toLocaleString("en")})`, actor: owner, beforeSeq: mid },
      { name: "owner, verb = action.rejected (4 %)", actor: owner, filters: { verb: "action.rejected" } },
      { name: "owner, verb = persona.paused (1 %)", actor: owner, filters: { verb: "persona.paused" } },
      { name: "owner, verb = audit.verified (none)", actor: owner, filters: { verb: "audit.verified" } },
      { name: "owner, actor contains 'owner-' (half the people's events)", actor: owner, filters: { actor: "owner-" } },
      { name: "owner, actor = the reviewer (no events)", actor: owner, filters: { actor: actors.reviewer.email } },
      { name: "owner, space = West", actor: owner, filters: { spaceId: spaceIds[3] } },
      { name: "owner, one week a month ago", actor: owner, filters: { from: since, to: until } },
      { name: "viewer (1 of 4 spaces), first page", actor: viewer },
    ];
    console.log(`\nAudit benchmark — ${driver}, ${EVENTS.toLocaleString("en")} events, listAuditEvents (50 rows), ${RUNS} runs each\n`);
    console.log("| query | p50 ms | p95 ms | rows |");
    console.log("|---|---:|---:|---:|");
    for (const c of cases) {
      const withDetails = c.actor.tenantRole !== "viewer";
      const run = () => listAuditEvents(handle.db, c.actor, { beforeSeq: c.beforeSeq, withDetails, filters: c.filters });
      const { rows } = await run();
      const q = await timeRuns(RUNS, run, 1);
      console.log(`| ${c.name} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} | ${rows.length} |`);
    }
    await handle.close();

    if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
      console.log("\n(HTTP figures skipped: run `npm run build` first.)");
      return;
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      AUTH_URL: BASE,
      NEXT_TELEMETRY_DISABLED: "1",
      SKIP_SEED: "1",
      ...(url ? { DATABASE_URL: url } : { DATABASE_URL: "", PGLITE_DATA_DIR: path.join(dataDir, "pglite") }),
    };
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    try {
      await waitForServer(child, BASE);
      const pid = serverPidOf(child.pid!);
      const jar = await signIn(owner.email, "test-password");
      const page = async (p: string) => {
        const t = performance.now();
        const res = await fetch(`${BASE}${p}`, { headers: { cookie: jar.header } });
        const html = await res.text();
        if (res.status !== 200 || !html.includes("Audit log")) throw new Error(`GET ${p} → ${res.status}`);
        return performance.now() - t;
      };
      const cold = await page("/audit");
      const warm = await timeRuns(10, () => page("/audit"), 1);
      const filtered = await timeRuns(10, () => page("/audit?verb=persona.paused"), 1);
      console.log(`\nHTTP, built console (${driver}):`);
      console.log("| request | ms |");
      console.log("|---|---:|");
      console.log(`| GET /audit, first render after start (cold) | ${cold.toFixed(0)} |`);
      console.log(`| GET /audit, warm p50 / p95 | ${warm.p50.toFixed(0)} / ${warm.p95.toFixed(0)} |`);
      console.log(`| GET /audit?verb=persona.paused, p50 / p95 | ${filtered.p50.toFixed(0)} / ${filtered.p95.toFixed(0)} |`);
      const rssBefore = peakRssMiB(pid);
      console.log(`\nExport of all ${EVENTS.toLocaleString("en")} events (owner, with before/after), server peak RSS before exports: ${rssBefore.toFixed(0)} MiB`);
      console.log("| format | first byte ms | total s | MiB | lines | events/s | server peak RSS MiB |");
      console.log("|---|---:|---:|---:|---:|---:|---:|");
      for (const format of ["csv", "jsonl"]) {
        const d = await download(`${BASE}/api/audit/export?format=${format}`, jar, pid);
        console.log(`| ${format} | ${d.ttfb.toFixed(0)} | ${(d.total / 1000).toFixed(1)} | ${(d.bytes / 2 ** 20).toFixed(0)} | ${d.lines.toLocaleString("en")} | ${(EVENTS / (d.total / 1000)).toFixed(0)} | ${d.peak.toFixed(0)} |`);
      }
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  } finally {
    if (base) await dropDatabase(base, dbName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
