import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../lib/actor";
import { auditedTransaction, recordAudit } from "./audit";
import { openDatabase, type DbHandle } from "./client";
import { makeTenant, openTestDatabase, withAuditGuardLifted } from "./test-utils";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

// `npm run audit:verify` against the driver under test: PostgreSQL (DATABASE_URL), or an
// embedded data dir this test owns (closed before the script opens it: one process per dir).
let h: DbHandle & { url?: string };
let dataDir: string | undefined;
beforeAll(async () => {
  if (process.env.DATABASE_URL) h = await openTestDatabase();
  else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "persona-audit-cli-"));
    h = await openDatabase({ dataDir: path.join(dataDir, "pglite"), migrate: true });
  }
});
afterAll(async () => {
  await h.close().catch(() => {});
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function verifyCli(): Promise<{ code: number; out: string }> {
  const env = { ...process.env, ...(h.url ? { DATABASE_URL: h.url } : { DATABASE_URL: "", PGLITE_DATA_DIR: path.join(dataDir!, "pglite") }) };
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], { cwd: root, env });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe("npm run audit:verify", () => {
  it("passes on an intact chain and names the first broken link after tampering", async () => {
    const { tenantId } = await makeTenant(h, "Cli Corp");
    for (let i = 1; i <= 4; i++) {
      await auditedTransaction(h.db, (tx) =>
        recordAudit(tx, { tenantId, actor: SYSTEM_ACTOR, verb: "app.created", target: { type: "app", id: `a${i}`, label: `App ${i}` } }),
      );
    }
    if (dataDir) await h.close();
    const ok = await verifyCli();
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("Cli Corp: 4 events, chain intact");

    if (dataDir) h = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    await withAuditGuardLifted(h, (exec) =>
      exec(`UPDATE audit_events SET target_label = 'Forged' WHERE tenant_id = '${tenantId}' AND seq = 3`),
    );
    if (dataDir) await h.close();
    const bad = await verifyCli();
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Cli Corp: broken at event #3/);
  }, 60_000);
});
