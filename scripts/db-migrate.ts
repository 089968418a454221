/** Apply the committed migrations to DATABASE_URL (PostgreSQL, under an advisory lock) or the embedded database. */
import { openDatabase } from "../db/client";
import { env } from "../lib/env";

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DATA_DIR, migrate: true });
console.log(`Migrations applied to ${handle.driver === "postgres" ? "PostgreSQL" : "the embedded database"} at ${handle.location}.`);
await handle.close();
