import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "./client";

const url = process.env.DATABASE_URL;
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

describe("migrations", () => {
  it("apply cleanly to a fresh embedded database", async () => {
    const h = await openDatabase({ dataDir: "memory://", migrate: true });
    const r = (await h.db.execute("select count(*)::int as n from drizzle.__drizzle_migrations" as never)) as unknown as { rows: { n: number }[] };
    expect(r.rows[0]!.n).toBe(journal.entries.length);
    await h.close();
  });

  // Concurrency needs a real server: PGlite runs one connection in one process.
  it.skipIf(!url)("several processes starting at once on PostgreSQL migrate once, under the advisory lock", async () => {
    const name = `persona_mig_${randomBytes(4).toString("hex")}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const u = new URL(url!);
      u.pathname = `/${name}`;
      const handles = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: u.toString(), migrate: true, max: 2 })));
      const [row] = await handles[0]!.sql!`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(row!.n).toBe(journal.entries.length);
      const [tables] = await handles[0]!.sql!`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      expect(tables!.n).toBeGreaterThan(15);
      await Promise.all(handles.map((h) => h.close()));
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
