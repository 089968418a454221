/**
 * Add the demo tenants (Acme and Globex) to an empty database. Refuses in
 * production on PostgreSQL unless asked explicitly (--demo or SEED_DEMO=1).
 */
import { openDatabase } from "../db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from "../db/seed";
import { env } from "../lib/env";

const e = env();
const explicit = process.argv.includes("--demo") || e.SEED_DEMO === "1";
if (e.DATABASE_URL && e.NODE_ENV === "production" && !explicit) {
  console.error("Refusing to create demo users in production on PostgreSQL. Pass --demo (or SEED_DEMO=1) if you really want them.");
  process.exit(1);
}
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DATA_DIR, migrate: true });
try {
  const seeded = await seedDemoIfEmpty(handle.db);
  if (seeded) {
    console.log(`Demo data added to ${handle.location}.`);
    console.log(`Sign in as ${DEMO_USERS.map((u) => u.email).join(", ")} or owner@globex.test — password: ${DEMO_PASSWORD}`);
  } else {
    console.log(`The database at ${handle.location} already has tenants; nothing seeded.`);
  }
} finally {
  await handle.close();
}
