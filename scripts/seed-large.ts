/**
 * `npm run seed:large` — add a large tenant (two spaces, twenty personas, 100,000 pending
 * actions with their audit events) to the app database, for looking at the console under load.
 * Every run adds a new tenant; sign in with the emails printed at the end.
 *
 *   npm run seed:large -- --pending 100000 [--no-audit] [--audit-events 1000000]
 *
 * --audit-events N appends N more audit events (a valid chain, spread over the last year) to
 * the same tenant, for looking at the audit log and its export at scale.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/persona npm run seed:large
 *
 * Refuses in production unless --force.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { seedLargeTenant } from "../db/seed-large/tenant";
import { seedLargeAudit } from "../db/seed-large/audit";
import { env } from "../lib/env";

const { values } = parseArgs({
  options: {
    pending: { type: "string", default: "100000" },
    "no-audit": { type: "boolean", default: false },
    "audit-events": { type: "string", default: "0" },
    force: { type: "boolean", default: false },
  },
});
const pending = Number(values.pending);
const auditEvents = Number(values["audit-events"]);
if (!Number.isInteger(auditEvents) || auditEvents < 0) {
  console.error("--audit-events must be a whole number.");
  process.exit(1);
}
if (!Number.isInteger(pending) || pending < 0) {
  console.error("--pending must be a whole number.");
  process.exit(1);
}
const e = env();
if (e.NODE_ENV === "production" && !values.force) {
  console.error("Refusing to add a load tenant in production. Pass --force if you really want it.");
  process.exit(1);
}
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DATA_DIR, migrate: true });
try {
  const t0 = Date.now();
  const t = await seedLargeTenant(handle.db, { pending, withAudit: !values["no-audit"], log: (l) => console.log(l) });
  if (auditEvents > 0) {
    let shown = 0;
    await seedLargeAudit(handle.db, t.tenantId, {
      count: auditEvents,
      spaceIds: t.spaces.map((sp) => sp.id),
      actors: [
        { label: t.actors.owner.email, role: "owner", userId: t.actors.owner.userId },
        { label: t.actors.reviewer.email, role: "reviewer", userId: t.actors.reviewer.userId },
      ],
      onProgress: (n) => {
        if (n - shown >= 100_000 || n === auditEvents) {
          shown = n;
          console.log(`audit events: ${n.toLocaleString("en-US")}`);
        }
      },
    });
  }
  console.log(`\n${t.tenantName}: ${t.pending.toLocaleString("en-US")} pending actions in ${handle.location} (${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  console.log(`Sign in as ${Object.values(t.actors).map((a) => a.email).join(", ")} — password: ${t.password}`);
} finally {
  await handle.close();
}
