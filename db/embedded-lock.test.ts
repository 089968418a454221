import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, EmbeddedDatabaseLockedError, openDatabase } from "./client";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "persona-lock-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("embedded database: one process per data dir", () => {
  it("a second process gets a clear message and the first keeps its data", async () => {
    const dir = path.join(tmp, "a", "pglite");
    const h = await openDatabase({ dataDir: dir, migrate: true });
    await h.db.execute("create table probe (n int)" as never);
    await h.db.execute("insert into probe values (1)" as never);
    const script = `import { openDatabase } from "./db/client.ts";
      try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log("OPENED"); process.exit(0); }
      catch (e) { console.log(e.name + ": " + e.message); process.exit(3); }`;
    const res = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect("code" in res ? res.code : 0).toBe(3);
    expect(res.stdout).toMatch(/EmbeddedDatabaseLockedError: The embedded database at .* is in use by another process \(pid \d+\)/);
    const rows = (await h.db.execute("select n from probe" as never)) as unknown as { rows: { n: number }[] };
    expect(rows.rows).toEqual([{ n: 1 }]);
    await h.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);

  it("in the same process a second lock is refused too, and a stale lock is taken over", () => {
    const dir = path.join(tmp, "b", "pglite");
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // A lock left by a process that no longer exists.
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    // Another live process holds it: refused with the typed error.
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid }));
    expect(() => acquireDataDirLock(dir)).toThrow(EmbeddedDatabaseLockedError);
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.pid }));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
