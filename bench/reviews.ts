/**
 * Review benchmark (not a test): seeds a tenant with 100,000 pending actions into a throwaway
 * database, then prints the server time of the review queue — the same two queries
 * /api/reviews/queue and the /reviews page run (first page + total) — for the whole tenant and
 * for one space, and the round trip of one decision (authorize + decideAction + audit, in one
 * transaction), each as p50/p95 over the runs.
 *
 *   npm run bench -- reviews [--pending=100000] [--runs=50] [--audit]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- reviews
 *
 * On PostgreSQL it creates (and drops) a database `persona_bench_reviews_<pid>`; without
 * DATABASE_URL it runs on a throwaway embedded PGlite directory. `--audit` also writes each
 * action's audit event (slower to seed; the queue does not read audit events).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DecideActionInput } from "../app/(console)/reviews/inputs";
import { openDatabase } from "../db/client";
import { decideAction } from "../db/mutations/reviews";
import { countPendingActions, listPendingActions } from "../db/queries/console";
import { countPendingReviews } from "../db/queries/spaces";
import { pendingLowRiskActions, seedLargeTenant } from "../db/seed-large/tenant";
import { createFreshDatabase, dropDatabase } from "../db/test-utils";
import { timeRuns } from "./lib/measure";
import type { Actor } from "../lib/actor";
import { runAuthorized } from "../lib/server/authorize";

const { values: args } = parseArgs({
  options: {
    pending: { type: "string", default: "100000" },
    runs: { type: "string", default: "50" },
    audit: { type: "boolean", default: false },
  },
});
const PENDING = Number(args.pending);
const RUNS = Number(args.runs);

const fmt = (r: { p50: number; p95: number }) => `p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms`;

const base = process.env.DATABASE_URL;
const dbName = `persona_bench_reviews_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "persona-bench-reviews-"));
const url = base ? await createFreshDatabase(base, dbName) : undefined;
const handle = await openDatabase(url ? { url, migrate: true, max: 4 } : { dataDir: path.join(dataDir, "pglite"), migrate: true });
try {
  console.log(`driver: ${handle.driver} (${url ? dbName : "embedded PGlite, temp dir"})`);
  const t0 = performance.now();
  const t = await seedLargeTenant(handle.db, { pending: PENDING, withAudit: args.audit, log: () => {} });
  console.log(`seeded ${PENDING.toLocaleString("en-US")} pending actions${args.audit ? " with audit events" : ""} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (handle.driver === "postgres") await handle.db.execute("analyze");

  const db = handle.db;
  const queue = (actor: Actor, spaceId?: string) => Promise.all([listPendingActions(db, actor, { spaceId }), countPendingActions(db, actor, { spaceId })]);
  const small = t.spaces[1]!;
  const [first, total] = await queue(t.actors.owner);
  console.log(`queue: first page ${first.length} rows of ${total.count.toLocaleString("en-US")}${total.capped ? "+" : ""}; top row risk ${first[0]?.risk}`);

  console.log(`\nqueue page + total, ${RUNS} runs each (what /api/reviews/queue and /reviews run)`);
  console.log(`  whole tenant, owner            ${fmt(await timeRuns(RUNS, () => queue(t.actors.owner)))}`);
  console.log(`  whole tenant, reviewer         ${fmt(await timeRuns(RUNS, () => queue(t.actors.reviewer)))}`);
  console.log(`  one space (${small.name}, ${Math.round((small.personas / 20) * 100)}%)  ${fmt(await timeRuns(RUNS, () => queue(t.actors.reviewer, small.id)))}`);
  console.log(`  of which first page only        ${fmt(await timeRuns(RUNS, () => listPendingActions(db, t.actors.owner)))}`);
  console.log(`  of which total only (capped)    ${fmt(await timeRuns(RUNS, () => countPendingActions(db, t.actors.owner)))}`);
  console.log(`nav badge count (every console page) ${fmt(await timeRuns(RUNS, () => countPendingReviews(db, t.actors.owner)))}`);

  // Decide: approve low-risk actions from the top of one space's queue, one transaction each, as the server action does.
  const targets = await pendingLowRiskActions(db, t.tenantId, small.id, RUNS + 3);
  let next = 0;
  const decide = await timeRuns(RUNS, async () => {
    const a = targets[next++]!;
    const r = await runAuthorized(db, t.actors.reviewer, "actions:decide", DecideActionInput, { spaceId: a.spaceId, actionId: a.id, decision: "approve" }, (i, c) =>
      decideAction(c.tx, c.actor, c.role, i),
    );
    if (!r.ok || r.data.status !== "approved") throw new Error(`decide failed: ${JSON.stringify(r)}`);
  });
  console.log(`\ndecide round trip (authorize + decideAction + audit, one transaction), ${RUNS} runs`);
  console.log(`  approve one low-risk action    ${fmt(decide)}`);
} finally {
  await handle.close();
  if (base) await dropDatabase(base, dbName).catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
}
