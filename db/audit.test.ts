import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../lib/actor";
import { appendAuditEvents, auditedTransaction, recordAudit, verifyAuditChain } from "./audit";
import * as s from "./schema";
import { makeTenant, openTestDatabase, withAuditGuardLifted, type TestDatabase } from "./test-utils";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function writeEvents(tenantId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await auditedTransaction(h.db, async (tx) => {
      await recordAudit(tx, {
        tenantId,
        actor: SYSTEM_ACTOR,
        verb: "space.created",
        target: { type: "space", id: `s-${i}`, label: `Space ${i}` },
        after: { name: `Space ${i}`, nested: { b: 2, a: 1 }, at: new Date("2026-01-01T00:00:00.123Z") },
      });
    });
  }
}

describe("audit chain", () => {
  it("numbers events per tenant and verifies an intact chain", async () => {
    const { tenantId } = await makeTenant(h);
    const { tenantId: other } = await makeTenant(h);
    await writeEvents(tenantId, 5);
    await writeEvents(other, 2);
    const rows = await h.db
      .select({ seq: s.auditEvents.seq })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.tenantId, tenantId))
      .orderBy(s.auditEvents.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(h.db, tenantId)).toMatchObject({ ok: true, checked: 5, headSeq: 5 });
    expect(await verifyAuditChain(h.db, other)).toMatchObject({ ok: true, checked: 2 });
  });

  it("redacts secrets in before/after", async () => {
    const { tenantId } = await makeTenant(h);
    await auditedTransaction(h.db, async (tx) => {
      await recordAudit(tx, {
        tenantId,
        actor: SYSTEM_ACTOR,
        verb: "connection.created",
        target: { type: "connection", id: "c1" },
        after: { name: "CRM", credentials: { apiKey: "sk-live-123" }, password: "x" },
      });
    });
    const [row] = await h.db.select().from(s.auditEvents).where(eq(s.auditEvents.tenantId, tenantId));
    expect(row!.after).toEqual({ name: "CRM", credentials: "[redacted]", password: "[redacted]" });
    expect(row!.payload).not.toContain("sk-live-123");
  });

  it("rolls back a transaction that recorded no audit event", async () => {
    const { tenantId } = await makeTenant(h);
    await expect(
      auditedTransaction(h.db, async (tx) => {
        await tx.insert(s.teams).values({ tenantId, name: "Unaudited" });
      }),
    ).rejects.toThrow(/no audit event/);
    const teams = await h.db.select().from(s.teams).where(eq(s.teams.tenantId, tenantId));
    expect(teams).toHaveLength(0);
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE on audit events", async () => {
    const { tenantId } = await makeTenant(h);
    await writeEvents(tenantId, 1);
    await expect(
      h.db.update(s.auditEvents).set({ verb: "space.archived" }).where(eq(s.auditEvents.tenantId, tenantId)),
    ).rejects.toThrow();
    await expect(h.db.delete(s.auditEvents).where(eq(s.auditEvents.tenantId, tenantId))).rejects.toThrow();
    await expect(h.db.execute(sql`TRUNCATE audit_events CASCADE`)).rejects.toThrow();
    expect(await verifyAuditChain(h.db, tenantId)).toMatchObject({ ok: true, checked: 1 });
  });

  it("verify names a changed event", async () => {
    const { tenantId } = await makeTenant(h);
    await writeEvents(tenantId, 4);
    await withAuditGuardLifted(h, (exec) =>
      exec(`UPDATE audit_events SET target_label = 'Forged' WHERE tenant_id = '${tenantId}' AND seq = 3`),
    );
    const v = await verifyAuditChain(h.db, tenantId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: 3, reason: "payload_mismatch" });
    // The break names the stored row: its verb, its (forged) target and when it was written.
    expect(v.firstBroken?.event?.target).toMatch(/Forged$/);
    expect(v.firstBroken?.event?.verb).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(Date.parse(v.firstBroken!.event!.at)).not.toBeNaN();
  });

  it("verify names a changed payload (hash no longer matches)", async () => {
    const { tenantId } = await makeTenant(h);
    await writeEvents(tenantId, 3);
    await withAuditGuardLifted(h, (exec) =>
      exec(
        `UPDATE audit_events SET payload = replace(payload, 'Space 1', 'Space X') WHERE tenant_id = '${tenantId}' AND seq = 2`,
      ),
    );
    const v = await verifyAuditChain(h.db, tenantId);
    expect(v.firstBroken).toMatchObject({ seq: 2, reason: "hash_mismatch" });
  });

  it("verify names a deleted event, in the middle and at the end", async () => {
    const { tenantId } = await makeTenant(h);
    await writeEvents(tenantId, 5);
    await withAuditGuardLifted(h, (exec) =>
      exec(`DELETE FROM audit_events WHERE tenant_id = '${tenantId}' AND seq = 2`),
    );
    const v = await verifyAuditChain(h.db, tenantId);
    expect(v.firstBroken).toMatchObject({ seq: 3, reason: "sequence_gap" });

    const { tenantId: t2 } = await makeTenant(h);
    await writeEvents(t2, 3);
    await withAuditGuardLifted(h, (exec) =>
      exec(`DELETE FROM audit_events WHERE tenant_id = '${t2}' AND seq = 3`),
    );
    const v2 = await verifyAuditChain(h.db, t2);
    expect(v2.firstBroken).toMatchObject({ seq: 3, reason: "head_mismatch" });
  });

  it("verify names reordered events", async () => {
    const { tenantId } = await makeTenant(h);
    await writeEvents(tenantId, 4);
    // Swap events 2 and 3 (their seq numbers), as a reordering would.
    await withAuditGuardLifted(h, async (exec) => {
      await exec(`UPDATE audit_events SET seq = -2 WHERE tenant_id = '${tenantId}' AND seq = 2`);
      await exec(`UPDATE audit_events SET seq = 2 WHERE tenant_id = '${tenantId}' AND seq = 3`);
      await exec(`UPDATE audit_events SET seq = 3 WHERE tenant_id = '${tenantId}' AND seq = -2`);
    });
    const v = await verifyAuditChain(h.db, tenantId);
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.seq).toBe(2);
    expect(v.firstBroken!.reason).toBe("previous_hash_mismatch");
  });

  it("concurrent appends to one tenant never fork the chain", async () => {
    const { tenantId } = await makeTenant(h);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.db.transaction((tx) =>
          appendAuditEvents(tx, [
            { tenantId, actor: SYSTEM_ACTOR, verb: "app.created", target: { type: "app", id: `a${i}` } },
          ]),
        ),
      ),
    );
    expect(await verifyAuditChain(h.db, tenantId)).toMatchObject({ ok: true, checked: 20, headSeq: 20 });
  });
});
