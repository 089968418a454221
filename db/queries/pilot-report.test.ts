import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/actor";
import { evidenceCsv, evidenceRows, verdicts } from "../../lib/reports/pilot-evidence";
import { getActorForUser } from "../access";
import { auditedTransaction } from "../audit";
import { pausePersona } from "../mutations/personas";
import { putMemoryItem, deleteMemoryItem } from "../runtime/memory";
import * as s from "../schema";
import { seedDemo } from "../seed";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { getPilotReport, stageSegments } from "./pilot-report";

const DAY = 86_400_000;
const NOW = new Date("2026-12-04T12:00:00.000Z");

let h: TestDatabase;
const A: Record<string, Actor> = {};
let ava: { id: string; spaceId: string };
let max: { id: string; spaceId: string };
beforeAll(async () => {
  h = await openTestDatabase();
  await seedDemo(h.db, NOW);
  for (const email of ["owner@acme.test", "operator@acme.test", "viewer@acme.test", "owner@globex.test"]) {
    const [u] = await h.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
    A[email.split("@")[0]! + (email.includes("globex") ? "Globex" : "")] = (await getActorForUser(h.db, u!.id))!;
  }
  const find = async (name: string) =>
    (await h.db.select({ id: s.personas.id, spaceId: s.personas.spaceId }).from(s.personas).where(eq(s.personas.name, name)))[0]!;
  ava = await find("Ava");
  max = await find("Max");
});
afterAll(async () => {
  await h.close();
});

describe("pilot report (seeded Ava, since pilot start)", () => {
  it("answers the five questions with the seeded figures, for a viewer", async () => {
    const r = (await getPilotReport(h.db, A.viewer!, { kind: "persona", personaId: ava.id }, "all", NOW))!;
    expect(r).not.toBeNull();
    expect(r.subject.name).toBe("Ava");
    expect(r.role).toBe("viewer");
    // The first seeded action (56 days and 4 hours ago) predates Ava's creation by a few hours.
    expect(r.period.from.toISOString()).toBe(new Date(NOW.getTime() - 56 * DAY - 4 * 3_600_000).toISOString());

    // 1. built-in: memory, knowledge search, messaging in all three environments.
    expect(new Set(r.builtIn.grants.map((g) => g.capabilityKey))).toEqual(new Set(["memory", "knowledge_search", "messaging"]));
    expect(r.builtIn.grants).toHaveLength(9);
    const memProd = r.builtIn.grants.find((g) => g.capabilityKey === "memory" && g.environment === "production")!;
    expect(memProd.policies).toEqual(
      expect.arrayContaining([{ actionKey: "memory.read", policy: "allow" }, { actionKey: "memory.delete", policy: "review" }]),
    );

    // 2. connected: crm (sandbox, production), ticketing and email (production), each with its connection.
    expect(r.connected.grants.map((g) => `${g.capabilityKey}:${g.environment}`).sort()).toEqual(
      ["crm:production", "crm:sandbox", "email:production", "ticketing:production"],
    );
    expect(r.connected.connections).toHaveLength(5);
    expect(r.connected.connections.every((c) => c.credentialsSet === false)).toBe(true);
    expect(r.connected.usage.find((u) => u.capabilityKey === "crm")).toEqual({ capabilityKey: "crm", proposed: 39, carriedOut: 34 });

    // 3. rollout: 16 days of pilot, then bounded production for 40 days; no rollback.
    const [ro] = r.rollout.personas;
    expect(ro!.segments.map((x) => [x.stage, x.days])).toEqual([["pilot", 16], ["bounded_production", 40]]);
    expect(ro!.advances).toBe(1);
    expect(ro!.rollbacks).toEqual([]);
    expect(ro!.bounds.maxApps).toBe(2);

    // 4. control: 122 proposals, 101 sent to review, 96 decided by reviewers, 4 rejected, 3 denied.
    expect(r.control).toMatchObject({
      proposed: 122,
      routedToReview: 101,
      decidedByReviewers: 96,
      approvedByReviewers: 92,
      rejected: 4,
      approvedByPolicy: 18,
      denied: 3,
      expired: 1,
      cancelled: 0,
      pending: 4,
    });
    expect(r.control.medianSecondsToDecision).toBeGreaterThan(120);
    expect(r.control.medianSecondsToDecision).toBeLessThan(600);
    expect(r.control.deniedByReason.map((d) => [d.reasonCode, d.count]).sort()).toEqual([
      ["action_denied", 1],
      ["capability_disabled", 1],
      ["unknown_action", 1],
    ]);
    // Ava's resolved incident 38 days ago: nothing was waiting, no request came, nothing went through.
    expect(r.control.pauses).toEqual([
      expect.objectContaining({ cancelledActions: 0, secondsToCancellation: null, deniedWhilePaused: 0, letThrough: 0 }),
    ]);

    // 5. continuity: 4 items kept, the oldest written 50 days ago.
    expect(r.continuity.itemsKept).toBe(4);
    expect(r.continuity.byEnvironment).toEqual([{ environment: "sandbox", items: 1 }, { environment: "production", items: 3 }]);
    expect(r.continuity.oldestItemAt!.toISOString()).toBe(new Date(NOW.getTime() - 50 * DAY).toISOString());
    expect(r.continuity.weekly).toHaveLength(9);
    expect(r.continuity.weekly.reduce((n, w) => n + w.newItemsKept, 0)).toBe(4);

    const v = verdicts(r);
    expect(v.built_in.text).toMatch(/^Yes — 3 built-in capabilities .* across 3 environments/);
    expect(v.connected.text).toMatch(/^Yes — 3 connected systems .* through 4 connections in 2 environments/);
    expect(v.rollout.text).toMatch(/^Yes — at Bounded production for 40 days/);
    expect(v.control.text).toMatch(/^Yes — 82\.8% of 122 actions went to a reviewer, who approved 95\.8%/);
    expect(v.continuity.text).toBe("Yes — 4 memory items kept; remembering for 50 days.");
  });

  it("narrows actions and memory changes to the period; stage history stays whole", async () => {
    const r = (await getPilotReport(h.db, A.viewer!, { kind: "persona", personaId: ava.id }, "7d", NOW))!;
    expect(r.period.from.toISOString()).toBe(new Date(NOW.getTime() - 7 * DAY).toISOString());
    // Last 7 days: the denied refund and calendar attempts, 4 pending, 1 approved, 1 expired, and recent production work.
    expect(r.control.denied).toBe(2);
    expect(r.control.pending).toBe(4);
    expect(r.control.pauses).toEqual([]);
    expect(r.continuity.itemsKept).toBe(4);
    expect(r.continuity.weekly).toHaveLength(1);
    expect(r.rollout.personas[0]!.segments).toHaveLength(2);
  });

  it("holds no action input, memory value, reason text or email — for owners too", async () => {
    const r = (await getPilotReport(h.db, A.owner!, { kind: "persona", personaId: ava.id }, "all", NOW))!;
    const text = JSON.stringify(r) + evidenceCsv(r) + JSON.stringify(verdicts(r));
    expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
    for (const secret of [
      "reset your password", "cust-", "Refund request", "+1 555", "conv-", "Refunds within 30 days", "Hi! I'm Ava",
      "channel", "Tone is off", "outdated refund policy", "Knowledge base updated", "Pilot met its gate", "new-address",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("a space report covers the space's personas", async () => {
    const r = (await getPilotReport(h.db, A.viewer!, { kind: "space", spaceId: ava.spaceId }, "all", NOW))!;
    expect(r.subject.name).toBe("Customer Support");
    expect(r.personas.map((p) => p.name)).toEqual(["Ava", "Max"]);
    expect(r.rollout.personas).toHaveLength(2);
    // Ava 122 + Max 24 proposals.
    expect(r.control.proposed).toBe(146);
    expect(r.continuity.itemsKept).toBe(6);
    const rows = evidenceRows(r);
    expect(rows).toContainEqual({ question: "rollout", kind: "figure", metric: "Current stage", detail: "Max", value: "Pilot" });
  });

  it("is invisible to other tenants and to unknown ids", async () => {
    expect(await getPilotReport(h.db, A.ownerGlobex!, { kind: "persona", personaId: ava.id }, "all", NOW)).toBeNull();
    expect(await getPilotReport(h.db, A.ownerGlobex!, { kind: "space", spaceId: ava.spaceId }, "all", NOW)).toBeNull();
    const other = await makeTenant(h);
    expect(await getPilotReport(h.db, other.actors.owner, { kind: "persona", personaId: ava.id }, "all", NOW)).toBeNull();
    expect(await getPilotReport(h.db, other.actors.viewer, { kind: "space", spaceId: ava.spaceId }, "all", NOW)).toBeNull();
    expect(await getPilotReport(h.db, A.viewer!, { kind: "persona", personaId: "not-a-uuid" }, "all", NOW)).toBeNull();
    // Globex's own persona is not reachable from Acme either.
    const [gizmo] = await h.db.select({ id: s.personas.id }).from(s.personas).where(eq(s.personas.name, "Gizmo"));
    expect(await getPilotReport(h.db, A.owner!, { kind: "persona", personaId: gizmo!.id }, "all", NOW)).toBeNull();
  });

  it("measures how fast a pause took effect, and counts memory writes and deletes", async () => {
    const [tok] = await h.db
      .select({ id: s.runtimeTokens.id, appId: s.runtimeTokens.appId, name: s.runtimeTokens.name })
      .from(s.runtimeTokens)
      .where(eq(s.runtimeTokens.name, "agent-desk-sandbox"));
    const scope = { tokenId: tok!.id, tokenName: tok!.name, tenantId: A.operator!.tenantId, spaceId: max.spaceId, appId: tok!.appId, environment: "sandbox" as const };
    expect((await putMemoryItem(h.db, scope, max.id, "report:test", { secret: "do-not-leak" }, null)).kind).toBe("ok");
    expect((await putMemoryItem(h.db, scope, max.id, "report:test", { secret: "do-not-leak-2" }, null)).kind).toBe("ok");
    expect((await deleteMemoryItem(h.db, scope, max.id, "report:test", null)).kind).toBe("ok");

    const paused = await auditedTransaction(h.db, (tx) =>
      pausePersona(tx, A.operator!, "operator", { spaceId: max.spaceId, personaId: max.id, reason: "Report test pause" }),
    );
    expect(paused.cancelledActions).toBe(3);
    const [incident] = await h.db.select().from(s.incidents).where(eq(s.incidents.id, paused.incidentId));
    await h.db.insert(s.actions).values({
      tenantId: A.operator!.tenantId, spaceId: max.spaceId, personaId: max.id, appId: tok!.appId, tokenId: tok!.id,
      environment: "sandbox", actionKey: "memory.read", stage: "pilot", status: "denied", reasonCode: "persona_paused",
      decidedBy: "policy", requiredApprovals: 0, decisionPath: [], input: { key: "x" },
      createdAt: new Date(incident!.openedAt.getTime() + 2_500), decidedAt: new Date(incident!.openedAt.getTime() + 2_500),
    });

    const now = new Date(Date.now() + 60_000);
    const r = (await getPilotReport(h.db, A.viewer!, { kind: "persona", personaId: max.id }, "7d", now))!;
    expect(r.control.pauses).toHaveLength(1);
    expect(r.control.pauses[0]).toMatchObject({ cancelledActions: 3, secondsToCancellation: 0, deniedWhilePaused: 1, letThrough: 0, resolvedAt: null });
    expect(r.control.pauses[0]!.secondsToFirstDenial).toBeCloseTo(2.5, 1);
    expect(r.control.deniedByReason).toContainEqual({ reasonCode: "persona_paused", count: 1 });
    const weekly = r.continuity.weekly;
    expect(weekly.reduce((n, w) => n + w.writes, 0)).toBe(2);
    expect(weekly.reduce((n, w) => n + w.deletes, 0)).toBe(1);
    expect(JSON.stringify(r)).not.toContain("do-not-leak");
    expect(evidenceRows(r)).toContainEqual({ question: "control", kind: "detail", metric: "Time to first refused request", detail: expect.stringMatching(/^paused /), value: "3 s" });
    // Another persona's pause does not show in Ava's report.
    const avaReport = (await getPilotReport(h.db, A.viewer!, { kind: "persona", personaId: ava.id }, "7d", now))!;
    expect(avaReport.control.pauses).toEqual([]);
    expect(avaReport.continuity.weekly.reduce((n, w) => n + w.writes, 0)).toBe(0);
    await h.db.delete(s.actions).where(and(eq(s.actions.personaId, max.id), eq(s.actions.reasonCode, "persona_paused")));
  });
});

describe("pilot report of an empty space", () => {
  it("answers 'Not yet' with zero figures, without failing", async () => {
    const t = await makeTenant(h);
    const [space] = await h.db
      .insert(s.spaces)
      .values({ tenantId: t.tenantId, name: "Empty pilot", environments: ["sandbox"], createdAt: new Date(NOW.getTime() - 10 * DAY) })
      .returning({ id: s.spaces.id });
    const r = (await getPilotReport(h.db, t.actors.owner, { kind: "space", spaceId: space!.id }, "all", NOW))!;
    expect(r.personas).toEqual([]);
    expect(r.control.proposed).toBe(0);
    expect(r.continuity.weekly).toHaveLength(2);
    const v = verdicts(r);
    expect(Object.values(v).map((x) => x.tone)).toEqual(["no", "no", "no", "no", "no"]);
    expect(evidenceRows(r)).toContainEqual({ question: "control", kind: "figure", metric: "Review rate", detail: "", value: "—" });
    // Acme cannot read it.
    expect(await getPilotReport(h.db, A.owner!, { kind: "space", spaceId: space!.id }, "all", NOW)).toBeNull();
  });
});

describe("stageSegments", () => {
  it("counts days at each stage through advances and rollbacks", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const at = (d: number) => new Date(t0.getTime() + d * DAY);
    expect(
      stageSegments(t0, "pilot", [
        { from: "pilot", to: "bounded_production", at: at(10) },
        { from: "bounded_production", to: "pilot", at: at(15) },
      ], at(20)).map((x) => [x.stage, x.days, x.to?.toISOString() ?? null]),
    ).toEqual([["pilot", 10, at(10).toISOString()], ["bounded_production", 5, at(15).toISOString()], ["pilot", 5, null]]);
    expect(stageSegments(t0, "pilot", [], at(3)).map((x) => [x.stage, x.days])).toEqual([["pilot", 3]]);
  });
});
