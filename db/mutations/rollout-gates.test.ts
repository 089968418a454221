import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { GateThresholdsFormInput, RequestAdvanceInput, RollbackInput, SignOffAdvanceInput } from "../../app/(console)/rollouts/inputs";
import type { Actor } from "../../lib/actor";
import { DEFAULT_GATE_THRESHOLDS } from "../../lib/domain/gate";
import type { Permission } from "../../lib/domain/permissions";
import { runAuthorized, type ActionHandler } from "../../lib/server/authorize";
import { getActorForUser } from "../access";
import { auditedTransaction } from "../audit";
import { makeRolloutPersonaFixture } from "../e2e-rollout-fixtures";
import { getGateEvidenceSeries } from "../queries/gate-evidence-series";
import * as s from "../schema";
import { seedDemo } from "../seed";
import { openTestDatabase, type TestDatabase } from "../test-utils";
import { loadSpaceGateThresholds, setGateThresholds } from "./gate-thresholds";
import { planSnapshotRestore } from "./stage-restore";
import { computeGate, requestAdvance, rollbackStage, signOffAdvance } from "./stages";

let h: TestDatabase;
const A: Record<string, Actor> = {};
const P: Record<string, { id: string; spaceId: string }> = {};

beforeAll(async () => {
  h = await openTestDatabase({ max: 20 });
  await seedDemo(h.db);
  for (const role of ["owner", "operator", "reviewer", "viewer"]) {
    const [u] = await h.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, `${role}@acme.test`));
    A[role] = (await getActorForUser(h.db, u!.id))!;
  }
  for (const p of await h.db.select({ id: s.personas.id, name: s.personas.name, spaceId: s.personas.spaceId }).from(s.personas)) P[p.name] = p;
});
afterAll(async () => {
  await h.close();
});

function act<S extends z.ZodType, R>(actor: Actor, permission: Permission, schema: S, raw: unknown, fn: ActionHandler<z.output<S>, R>) {
  return runAuthorized(h.db, actor, permission, schema, raw, fn);
}
const setThresholds = (actor: Actor, name: string, stage: string, t: Record<string, unknown>) =>
  act(actor, "stages:signoff", GateThresholdsFormInput, { spaceId: P[name]!.spaceId, stage, ...t }, (i, c) => setGateThresholds(c.tx, c.actor, c.role, i));
const request = (actor: Actor, name: string, extra: object = {}) =>
  act(actor, "stages:request", RequestAdvanceInput, { spaceId: P[name]!.spaceId, personaId: P[name]!.id, reason: "Ready for more", ...extra }, (i, c) => requestAdvance(c.tx, c.actor, c.role, i));
const signOff = (actor: Actor, name: string, stageChangeId: string, extra: object = {}) =>
  act(actor, "stages:signoff", SignOffAdvanceInput, { spaceId: P[name]!.spaceId, stageChangeId, note: "Go", ...extra }, (i, c) => signOffAdvance(c.tx, c.actor, c.role, i));
const rollback = (actor: Actor, name: string, keepAppIds: string[]) =>
  act(actor, "stages:request", RollbackInput, { spaceId: P[name]!.spaceId, personaId: P[name]!.id, reason: "Step back", keepAppIds }, (i, c) => rollbackStage(c.tx, c.actor, c.role, i));
const stageOf = async (name: string) => (await h.db.select({ st: s.personas.stage }).from(s.personas).where(eq(s.personas.id, P[name]!.id)))[0]!.st;
const grantsOf = (name: string) => h.db.select().from(s.capabilityGrants).where(eq(s.capabilityGrants.personaId, P[name]!.id));
const FORBIDDEN = { ok: false, error: "You do not have permission to do that." };

describe("gate thresholds per space", () => {
  it("an owner lowers the pilot gate: Max's gate passes; restoring the defaults makes it fail again; audited with before/after", async () => {
    expect((await computeGate(h.db, A.owner!, P.Max!.spaceId, P.Max!.id)).passed).toBe(false);
    const open = { minReviewedActions: "0", minApprovalRatePercent: "0", lookbackDays: "0", minDaysAtStage: "0" };
    expect(await setThresholds(A.owner!, "Max", "pilot", open)).toMatchObject({ ok: true, data: { stage: "pilot", thresholds: { minReviewedActions: 0 } } });
    const gate = await computeGate(h.db, A.owner!, P.Max!.spaceId, P.Max!.id);
    expect(gate.passed).toBe(true);
    expect(gate.criteria.find((c) => c.key === "reviewed_actions")!.threshold).toBe(0);
    // Another space keeps the defaults.
    expect((await loadSpaceGateThresholds(h.db, A.owner!.tenantId, P.Nova!.spaceId))!.find((x) => x.stage === "pilot")).toMatchObject({ custom: false, current: DEFAULT_GATE_THRESHOLDS.pilot });
    expect((await loadSpaceGateThresholds(h.db, A.owner!.tenantId, P.Max!.spaceId))!.find((x) => x.stage === "pilot")).toMatchObject({ custom: true });

    const [ev] = await h.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.tenantId, A.owner!.tenantId), eq(s.auditEvents.verb, "gate.thresholds_changed")));
    expect(ev).toMatchObject({ targetId: P.Max!.spaceId });
    expect(JSON.stringify(ev)).toContain('"minReviewedActions":20');
    expect(JSON.stringify(ev)).toContain('"minReviewedActions":0');

    const d = DEFAULT_GATE_THRESHOLDS.pilot!;
    expect((await setThresholds(A.owner!, "Max", "pilot", { ...d })).ok).toBe(true);
    expect((await computeGate(h.db, A.owner!, P.Max!.spaceId, P.Max!.id)).passed).toBe(false);
    expect(await setThresholds(A.owner!, "Max", "pilot", { ...d })).toMatchObject({ ok: false, error: expect.stringMatching(/nothing changed/) });
  });

  it("bad input gets field errors and writes nothing", async () => {
    const before = await h.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(s.auditEvents);
    const r = await setThresholds(A.owner!, "Max", "pilot", { minReviewedActions: "-1", minApprovalRatePercent: "101", lookbackDays: "2.5", minDaysAtStage: "" });
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: {
        minReviewedActions: [expect.stringMatching(/cannot be negative/)],
        minApprovalRatePercent: [expect.stringMatching(/at most 100/)],
        lookbackDays: [expect.stringMatching(/whole number/)],
        minDaysAtStage: [expect.stringMatching(/whole number/)],
      },
    });
    expect(await setThresholds(A.owner!, "Max", "deep_embedding", { ...DEFAULT_GATE_THRESHOLDS.pilot })).toMatchObject({ ok: false, fieldErrors: { stage: expect.any(Array) } });
    const after = await h.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(s.auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("operators, reviewers and viewers cannot change thresholds, even calling the mutation directly", async () => {
    const open = { minReviewedActions: 0, minApprovalRatePercent: 0, lookbackDays: 0, minDaysAtStage: 0 };
    for (const who of [A.operator!, A.reviewer!, A.viewer!]) expect(await setThresholds(who, "Max", "pilot", open)).toEqual(FORBIDDEN);
    await expect(
      auditedTransaction(h.db, (tx) => setGateThresholds(tx, A.operator!, "operator", { spaceId: P.Max!.spaceId, stage: "pilot", thresholds: open })),
    ).rejects.toThrow(/Only an owner/);
    expect((await computeGate(h.db, A.owner!, P.Max!.spaceId, P.Max!.id)).passed).toBe(false);
  });
});

describe("evidence over time", () => {
  it("one query gives daily points whose last value equals the live gate", async () => {
    const now = new Date();
    const series = await getGateEvidenceSeries(h.db, A.owner!.tenantId, P.Ava!.id, { days: 30, now });
    expect(series.points).toHaveLength(30);
    const gate = await computeGate(h.db, A.owner!, P.Ava!.spaceId, P.Ava!.id, now);
    const last = series.points.at(-1)!;
    const byKey = Object.fromEntries(gate.criteria.map((c) => [c.key, c.value]));
    expect(last.reviewed).toBe(byKey.reviewed_actions);
    expect(last.approvalRate).toBe(byKey.approval_rate);
    expect(last.daysAtStage).toBe(byKey.days_at_stage);
    // Reviewed actions at this stage only grow over the window.
    for (let i = 1; i < series.points.length; i++) expect(series.points[i]!.reviewed ?? 0).toBeGreaterThanOrEqual(series.points[i - 1]!.reviewed ?? 0);
    expect(series.points[0]!.reviewed ?? 0).toBeLessThan(last.reviewed!);
  });
});

describe("advance races and who signs off", () => {
  it("20 concurrent advance requests and 20 concurrent sign-offs: one stage change", async () => {
    expect(await stageOf("Ava")).toBe("bounded_production");
    const requests = await Promise.all(Array.from({ length: 20 }, () => request(A.operator!, "Ava")));
    const won = requests.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(requests.filter((r) => !r.ok).every((r) => !r.ok && /already has an advance waiting/.test(r.error))).toBe(true);
    const id = (won[0] as { data: { stageChangeId: string } }).data.stageChangeId;
    const signOffs = await Promise.all(Array.from({ length: 20 }, () => signOff(A.owner!, "Ava", id)));
    expect(signOffs.filter((r) => r.ok)).toHaveLength(1);
    expect(await stageOf("Ava")).toBe("broad_exposure");
    const applied = await h.db.select().from(s.stageChanges).where(and(eq(s.stageChanges.personaId, P.Ava!.id), eq(s.stageChanges.status, "applied"), eq(s.stageChanges.toStage, "broad_exposure")));
    expect(applied).toHaveLength(1);
    const advanced = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.targetId, P.Ava!.id), eq(s.auditEvents.verb, "stage.advanced")));
    expect(advanced).toHaveLength(1);
  });
});

describe("restoring the snapshot on re-advance", () => {
  it("rollback keeps a snapshot; the re-advance restores it within the new bounds, audited per grant", async () => {
    // broad → bounded (nothing to rewrite), bounded → pilot (production off, memory.write lowered).
    const apps = await h.db.select({ appId: s.personaApps.appId }).from(s.personaApps).where(eq(s.personaApps.personaId, P.Ava!.id));
    expect((await rollback(A.operator!, "Ava", apps.map((a) => a.appId))).ok).toBe(true);
    expect(await planSnapshotRestore(h.db, A.owner!.tenantId, P.Ava!.id, "broad_exposure")).toMatchObject({ changes: [] });
    expect((await rollback(A.operator!, "Ava", [apps[0]!.appId])).ok).toBe(true);
    expect(await stageOf("Ava")).toBe("pilot");
    const lowered = await grantsOf("Ava");
    expect(lowered.filter((g) => g.environment === "production" && g.enabled)).toEqual([]);

    // The space tightens Bounded production: low-risk writes at most review. The restore must respect that.
    await h.db.update(s.spaces).set({ boundsOverride: { bounded_production: { ceilings: { low: { write: "review" } } } } }).where(eq(s.spaces.id, P.Ava!.spaceId));
    const plan = await planSnapshotRestore(h.db, A.owner!.tenantId, P.Ava!.id, "bounded_production");
    expect(plan).not.toBeNull();
    const prodMemory = plan!.changes.find((c) => c.capabilityKey === "memory" && c.environment === "production");
    expect(prodMemory).toMatchObject({ before: { enabled: false }, after: { enabled: true, policies: { "memory.write": "review" } } });
    expect(prodMemory!.clipped).toMatch(/memory.write review/);

    // Gate fails (0 days at pilot): the sole owner requests with an override and signs off with a justification, restoring.
    const r = await request(A.owner!, "Ava", { overrideJustification: "Incident resolved; restoring production." });
    if (!r.ok) throw new Error(r.error);
    const done = await signOff(A.owner!, "Ava", r.data.stageChangeId, { overrideJustification: "Only owner; incident closed.", restoreSnapshot: "on" });
    // Pilot kept one of Ava's two apps; Bounded production allows two, so the other one comes back.
    expect(plan!.apps).toHaveLength(1);
    expect(done).toEqual({ ok: true, data: { to: "bounded_production", restored: plan!.changes.length + 1 } });
    const exposure = await h.db.select({ appId: s.personaApps.appId }).from(s.personaApps).where(eq(s.personaApps.personaId, P.Ava!.id));
    expect(exposure.map((e) => e.appId).sort()).toEqual(apps.map((a) => a.appId).sort());
    const restored = await grantsOf("Ava");
    const mem = restored.find((g) => g.capabilityKey === "memory" && g.environment === "production")!;
    expect(mem).toMatchObject({ enabled: true, policies: { "memory.write": "review" } });
    expect(restored.filter((g) => g.environment === "production" && g.enabled).length).toBeGreaterThan(0);
    const events = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, A.owner!.tenantId), eq(s.auditEvents.verb, "capability.enabled"), sql`${s.auditEvents.after}::text like ${`%${plan!.rollbackId}%`}`));
    expect(events.length).toBe(plan!.changes.filter((c) => c.after.enabled && !c.before?.enabled).length);
    // Offered once: after the re-advance there is nothing left to restore.
    expect(await planSnapshotRestore(h.db, A.owner!.tenantId, P.Ava!.id, "bounded_production")).toBeNull();
    await h.db.update(s.spaces).set({ boundsOverride: null }).where(eq(s.spaces.id, P.Ava!.spaceId));
  });

  it("without choosing to restore, grants stay as the rollback left them", async () => {
    const apps = await h.db.select({ appId: s.personaApps.appId }).from(s.personaApps).where(eq(s.personaApps.personaId, P.Ava!.id));
    expect((await rollback(A.operator!, "Ava", [apps[0]!.appId])).ok).toBe(true);
    const before = await grantsOf("Ava");
    const r = await request(A.owner!, "Ava", { overrideJustification: "Try again." });
    if (!r.ok) throw new Error(r.error);
    expect(await signOff(A.owner!, "Ava", r.data.stageChangeId, { overrideJustification: "Only owner." })).toEqual({ ok: true, data: { to: "bounded_production", restored: 0 } });
    const after = await grantsOf("Ava");
    expect(after.map((g) => [g.id, g.enabled, g.policies])).toEqual(before.map((g) => [g.id, g.enabled, g.policies]));
  });
});

describe("self sign-off with two owners", () => {
  it("a requester cannot sign off their own advance when another owner exists; the other owner can (no override)", async () => {
    const [u2] = await h.db.insert(s.users).values({ email: "owner2@acme.test", name: "Otto Owner" }).returning({ id: s.users.id });
    const [m] = await h.db.insert(s.memberships).values({ tenantId: A.owner!.tenantId, userId: u2!.id, role: "owner" }).returning({ id: s.memberships.id });
    const owner2: Actor = { ...A.owner!, membershipId: m!.id, email: "owner2@acme.test", name: "Otto Owner" };
    // Lower the gate so it passes: the only reason to refuse is who signs.
    await setThresholds(A.owner!, "Ava", "bounded_production", { minReviewedActions: 0, minApprovalRatePercent: 0, lookbackDays: 0, minDaysAtStage: 0 });
    const r = await request(A.owner!, "Ava");
    if (!r.ok) throw new Error(r.error);
    expect(await signOff(A.owner!, "Ava", r.data.stageChangeId, { overrideJustification: "I insist." })).toMatchObject({ ok: false, error: "Another owner must sign off your own request." });
    expect(await stageOf("Ava")).toBe("bounded_production");
    expect((await signOff(owner2, "Ava", r.data.stageChangeId)).ok).toBe(true);
    const [change] = await h.db.select().from(s.stageChanges).where(eq(s.stageChanges.id, r.data.stageChangeId));
    expect(change).toMatchObject({ status: "applied", override: false, signedOffByMembershipId: m!.id });
  });
});

describe("the e2e rollout fixture", () => {
  it("'passing' has a backdated history whose gate passes; 'failing' fails on reviewed actions and days", async () => {
    const pass = await makeRolloutPersonaFixture(h.db, "passing");
    const gate = await computeGate(h.db, A.owner!, pass.spaceId, pass.personaId);
    expect(gate).toMatchObject({ passed: true, from: "pilot", to: "bounded_production" });
    expect(gate.criteria.find((c) => c.key === "reviewed_actions")!.value).toBe(25);
    const fail = await makeRolloutPersonaFixture(h.db, "failing");
    const failed = await computeGate(h.db, A.owner!, fail.spaceId, fail.personaId);
    expect(failed.passed).toBe(false);
    expect(failed.criteria.filter((c) => !c.passed).map((c) => c.key)).toEqual(["reviewed_actions", "approval_rate", "days_at_stage"]);
    const bounded = await makeRolloutPersonaFixture(h.db, "bounded");
    expect(Object.keys(bounded.tokens).sort()).toEqual(["production", "sandbox"]);
  });
});
