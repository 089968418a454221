import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalogAction } from "../lib/domain/catalog";
import { evaluateGate } from "../lib/domain/gate";
import { checkGrantWithinBounds } from "../lib/domain/stages";
import { verifyPassword } from "../lib/auth/password";
import { verifyAuditChain } from "./audit";
import { getGateEvidence } from "./queries/gate-evidence";
import * as s from "./schema";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo, seedDemoIfEmpty } from "./seed";
import { openTestDatabase, type TestDatabase } from "./test-utils";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
  expect(await seedDemoIfEmpty(h.db)).toBe(true);
});
afterAll(async () => {
  await h.close();
});

async function personaByName(name: string) {
  const [p] = await h.db.select().from(s.personas).where(eq(s.personas.name, name));
  return p!;
}

describe("demo seed", () => {
  it("runs once: a second call finds data and does nothing", async () => {
    expect(await seedDemoIfEmpty(h.db)).toBe(false);
    const tenants = await h.db.select({ name: s.tenants.name }).from(s.tenants);
    expect(tenants.map((t) => t.name).sort()).toEqual(["Acme", "Globex"]);
  });

  it("creates the demo users with the demo password", async () => {
    for (const u of DEMO_USERS) {
      const [row] = await h.db.select().from(s.users).where(eq(s.users.email, u.email));
      expect(row, u.email).toBeDefined();
      expect(await verifyPassword(DEMO_PASSWORD, row!.passwordHash)).toBe(true);
      expect(await verifyPassword("wrong", row!.passwordHash)).toBe(false);
    }
  });

  it("tells the gate story: Ava's gate passes, Max's fails", async () => {
    const ava = await personaByName("Ava");
    const max = await personaByName("Max");
    const a = await getGateEvidence(h.db, ava.tenantId, ava.id);
    const m = await getGateEvidence(h.db, max.tenantId, max.id);
    const gateA = evaluateGate(a!.stage, a!.evidence);
    const gateM = evaluateGate(m!.stage, m!.evidence);
    expect(gateA.applicable && gateA.passed).toBe(true);
    expect(gateM.applicable).toBe(true);
    expect(gateM.passed).toBe(false);
    expect(gateM.criteria.find((c) => !c.passed)?.key).toBe("reviewed_actions");
  });

  it("keeps every stored grant inside its persona's stage bounds", async () => {
    const grants = await h.db
      .select({ g: s.capabilityGrants, stage: s.personas.stage })
      .from(s.capabilityGrants)
      .innerJoin(s.personas, eq(s.personas.id, s.capabilityGrants.personaId));
    expect(grants.length).toBeGreaterThan(10);
    for (const { g, stage } of grants) {
      const r = checkGrantWithinBounds({
        stage,
        capabilityKey: g.capabilityKey,
        environment: g.environment,
        enabled: g.enabled,
        policies: g.policies,
      });
      expect(r, `${g.capabilityKey}/${g.environment}: ${JSON.stringify(r)}`).toEqual({ ok: true });
    }
  });

  it("has pending actions of each risk and decided ones, all but one in the catalog", async () => {
    const pending = await h.db
      .select({ key: s.actions.actionKey, risk: s.actions.risk, req: s.actions.requiredApprovals })
      .from(s.actions)
      .where(eq(s.actions.status, "pending"));
    expect(new Set(pending.map((p) => p.risk))).toEqual(new Set(["low", "medium", "high"]));
    for (const p of pending) expect(p.req).toBe(p.risk === "high" ? 2 : 1);
    const all = await h.db.select({ key: s.actions.actionKey }).from(s.actions);
    const unknown = new Set(all.filter((a) => !getCatalogAction(a.key)).map((a) => a.key));
    expect(unknown).toEqual(new Set(["payments.refund"]));
  });

  it("gives every persona memory and audits the seed in a verifiable chain", async () => {
    for (const name of ["Ava", "Max", "Nova"]) {
      const p = await personaByName(name);
      const [row] = await h.db
        .select({ n: count() })
        .from(s.memoryItems)
        .where(and(eq(s.memoryItems.personaId, p.id)));
      expect(row!.n, name).toBeGreaterThan(0);
    }
    const tenants = await h.db.select().from(s.tenants);
    for (const t of tenants) {
      const v = await verifyAuditChain(h.db, t.id);
      expect(v.ok).toBe(true);
      expect(v.checked).toBeGreaterThan(1);
    }
  });

  it("refuses to seed twice into the same database (unique emails)", async () => {
    await expect(seedDemo(h.db)).rejects.toThrow();
  });
});
