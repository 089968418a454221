/**
 * Test-only database helpers. A test file gets its own database: an in-memory
 * PGlite by default, or, when DATABASE_URL is set, a fresh PostgreSQL database
 * cloned from a migrated template (so files run in parallel without sharing rows).
 */
import { createHash, randomBytes } from "node:crypto";
import postgres from "postgres";
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../lib/actor";
import type { TenantRole } from "../lib/domain/constants";
import { hashPassword } from "../lib/auth/password";
import { openDatabase, type DbHandle } from "./client";
import * as s from "./schema";

// One template per checkout, so test runs in two worktrees on one server never collide.
const TEMPLATE_DB = `persona_tmpl_${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 10)}`;

export function testDatabaseUrl(): string | undefined {
  // Tests read the environment directly: they choose the driver, not the app.
  return process.env.DATABASE_URL || undefined;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Create (or re-create) an empty database on the server of `url`; returns its URL. */
export async function createFreshDatabase(url: string, name: string): Promise<string> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Create the migrated template database once per run (vitest globalSetup). */
export async function prepareTemplateDatabase(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: withDatabase(url, TEMPLATE_DB), migrate: true, max: 2 });
  await handle.close();
}

export async function dropTemplateDatabase(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase extends DbHandle {
  /** postgres:// URL of this test's own database (PostgreSQL only). */
  url?: string;
}

/** A fresh, migrated database for one test file. Close it in afterAll. */
export async function openTestDatabase(opts: { max?: number } = {}): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  if (!url) return openDatabase({ dataDir: "memory://", migrate: true });
  const name = `persona_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(url, name);
  const handle = await openDatabase({ url: dbUrl, max: opts.max ?? 20 });
  return {
    ...handle,
    url: dbUrl,
    async close() {
      await handle.close();
      const a = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * TEST ONLY: lift the append-only guard of audit_events for one callback, to
 * simulate tampering. Needs the table owner (tests run as a superuser).
 */
export async function withAuditGuardLifted<T>(
  handle: DbHandle,
  fn: (exec: (sql: string) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const exec = (q: string) => handle.db.execute(q as never);
  await exec("ALTER TABLE audit_events DISABLE TRIGGER USER");
  try {
    return await fn(exec);
  } finally {
    await exec("ALTER TABLE audit_events ENABLE TRIGGER USER");
  }
}

let cachedHash: Promise<string> | undefined;

/** A tenant with one member per role; each test makes its own, so tests never collide. */
export async function makeTenant(
  handle: DbHandle,
  name = `T-${uuidv7().slice(-6)}`,
): Promise<{ tenantId: string; actors: Record<TenantRole, Actor> }> {
  cachedHash ??= hashPassword("test-password");
  const passwordHash = await cachedHash;
  const db = handle.db;
  const [t] = await db
    .insert(s.tenants)
    .values({ name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uuidv7().slice(-8)}` })
    .returning({ id: s.tenants.id });
  const actors = {} as Record<TenantRole, Actor>;
  for (const role of ["owner", "operator", "reviewer", "viewer"] as const) {
    const email = `${role}-${uuidv7().slice(-12)}@${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.test`;
    const [u] = await db
      .insert(s.users)
      .values({ email, name: `${role} of ${name}`, passwordHash })
      .returning({ id: s.users.id });
    const [mm] = await db
      .insert(s.memberships)
      .values({ tenantId: t!.id, userId: u!.id, role })
      .returning({ id: s.memberships.id });
    actors[role] = {
      userId: u!.id,
      email,
      name: `${role} of ${name}`,
      membershipId: mm!.id,
      tenantId: t!.id,
      tenantName: name,
      tenantRole: role,
    };
  }
  return { tenantId: t!.id, actors };
}
