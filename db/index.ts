import { env } from "../lib/env";
import { openDatabase, type Db, type DbHandle } from "./client";

export type { Db, Tx, Executor, DbHandle } from "./client";

/**
 * The process-wide database handle. The custom server and Next's bundles are two
 * module graphs in one process, so the handle lives on globalThis: both share one
 * PGlite instance (one owner of the data dir) or one postgres.js pool.
 */
const KEY = Symbol.for("persona-console.db");
type Holder = { [KEY]?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    g[KEY] = startDatabase().catch((e: unknown) => {
      delete g[KEY];
      throw e;
    });
  }
  return g[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Let a test or script install its own handle as the process-wide one. */
export function setDbHandle(handle: DbHandle | undefined): void {
  const g = globalThis as Holder;
  if (handle) g[KEY] = Promise.resolve(handle);
  else delete g[KEY];
}

async function startDatabase(): Promise<DbHandle> {
  const e = env();
  const handle = await openDatabase({
    url: e.DATABASE_URL,
    dataDir: e.PGLITE_DATA_DIR,
    migrate: true,
  });
  if (handle.driver === "pglite" && e.SKIP_SEED !== "1") {
    const { seedDemoIfEmpty } = await import("./seed");
    await seedDemoIfEmpty(handle.db);
  }
  return handle;
}
