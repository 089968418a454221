import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database handle type: both drivers are assignable to it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; inside a transaction use only this, never the global `db`. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on. */
export type Executor = Db | Tx;

export type Driver = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  driver: Driver;
  /** Where the data is: a redacted URL or the data dir. */
  location: string;
  close(): Promise<void>;
  /** The raw postgres.js client (PostgreSQL only), for LISTEN/NOTIFY and scripts. */
  sql?: postgres.Sql;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** A second process tried to open an embedded data dir that another one holds. */
export class EmbeddedDatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by another process (pid ${holderPid}). ` +
        `PGlite allows one process per data dir: stop that process first, or point ` +
        `PGLITE_DATA_DIR at another directory, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Take the exclusive lock file beside a PGlite data dir. PGlite itself takes no
 * lock: a second opener would silently lose writes. A stale lock (its process is
 * gone) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid: number };
          if (held.pid === process.pid) fs.rmSync(lockPath, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder = 0;
      try {
        holder = (JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid: number }).pid;
      } catch {
        holder = 0; // unreadable: half-written by a crashed process
      }
      if (holder && holder !== process.pid && pidAlive(holder)) {
        throw new EmbeddedDatabaseLockedError(path.resolve(dataDir), holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data dir, or `memory://` (default) for an in-memory database. */
  dataDir?: string;
  /** Apply committed migrations (PGlite: always safe; PostgreSQL: under an advisory lock). */
  migrate?: boolean;
  /** postgres.js pool size. */
  max?: number;
}

const MIGRATION_LOCK_KEY = 727_274_001; // arbitrary, constant per product

export async function openDatabase(opts: OpenOptions = {}): Promise<DbHandle> {
  if (opts.url) return openPostgres(opts.url, opts);
  return openPglite(opts.dataDir ?? "memory://", opts);
}

async function openPglite(dataDir: string, opts: OpenOptions): Promise<DbHandle> {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    release = acquireDataDirLock(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    const client = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir));
    const db = drizzlePglite({ client, schema, casing: "snake_case" });
    if (opts.migrate) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Db,
      driver: "pglite",
      location: inMemory ? dataDir : path.resolve(dataDir),
      async close() {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

async function openPostgres(url: string, opts: OpenOptions): Promise<DbHandle> {
  const sql = postgres(url, {
    // Migration holds one connection for the advisory lock and needs another to migrate.
    max: Math.max(opts.max ?? 10, opts.migrate ? 2 : 1),
    onnotice: () => {},
    connection: { application_name: "persona-console" },
  });
  const db = drizzlePostgres({ client: sql, schema, casing: "snake_case" });
  if (opts.migrate) await migratePostgresLocked(sql, db as unknown as Db);
  return {
    db: db as unknown as Db,
    driver: "postgres",
    location: redactUrl(url),
    sql,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/** Several processes starting at once: one migrates, the others wait, then find nothing to do. */
async function migratePostgresLocked(sql: postgres.Sql, db: Db): Promise<void> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await conn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    conn.release();
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
