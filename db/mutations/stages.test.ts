import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { RejectAdvanceInput, RequestAdvanceInput, RollbackInput, SignOffAdvanceInput } from "../../app/(console)/rollouts/inputs";
import type { Actor } from "../../lib/actor";
import type { Permission } from "../../lib/domain/permissions";
import { runAuthorized, type ActionHandler } from "../../lib/server/authorize";
import { getActorForUser } from "../access";
import * as s from "../schema";
import { seedDemo } from "../seed";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { computeGate, previewRollback, rejectAdvance, requestAdvance, rollbackStage, signOffAdvance } from "./stages";

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
const request = (actor: Actor, name: string, extra: object = {}) =>
  act(actor, "stages:request", RequestAdvanceInput, { spaceId: P[name]!.spaceId, personaId: P[name]!.id, reason: "Ready for more", ...extra }, (i, c) => requestAdvance(c.tx, c.actor, c.role, i));
const signOff = (actor: Actor, name: string, stageChangeId: string, extra: object = {}) =>
  act(actor, "stages:signoff", SignOffAdvanceInput, { spaceId: P[name]!.spaceId, stageChangeId, note: "Go", ...extra }, (i, c) => signOffAdvance(c.tx, c.actor, c.role, i));
const stageOf = async (name: string) => (await h.db.select({ st: s.personas.stage }).from(s.personas).where(eq(s.personas.id, P[name]!.id)))[0]!.st;

describe("stage advance", () => {
  it("a failing gate refuses the request and lists why; weaker roles are refused outright", async () => {
    const r = await request(A.operator!, "Max");
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^The gate to Bounded production fails: .*reviewed/) });
    for (const who of [A.reviewer!, A.viewer!]) expect(await request(who, "Ava")).toEqual({ ok: false, error: "You do not have permission to do that." });
    const other = await makeTenant(h);
    expect(await request(other.actors.owner, "Ava")).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });
  });

  it("an operator requests; the only owner signs off (not their own request); the stage changes at once", async () => {
    const gate = await computeGate(h.db, A.owner!, P.Ava!.spaceId, P.Ava!.id);
    expect(gate.passed).toBe(true);
    const r = await request(A.operator!, "Ava");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await request(A.operator!, "Ava")).toMatchObject({ ok: false, error: expect.stringMatching(/already has an advance waiting/) });
    expect(await signOff(A.operator!, "Ava", r.data.stageChangeId)).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await signOff(A.owner!, "Ava", r.data.stageChangeId)).toEqual({ ok: true, data: { to: "broad_exposure", restored: 0 } });
    expect(await stageOf("Ava")).toBe("broad_exposure");
    const [change] = await h.db.select().from(s.stageChanges).where(eq(s.stageChanges.id, r.data.stageChangeId));
    expect(change).toMatchObject({ status: "applied", override: false, signedOffByMembershipId: A.owner!.membershipId });
    expect(await signOff(A.owner!, "Ava", r.data.stageChangeId)).toMatchObject({ ok: false, error: expect.stringMatching(/already applied/) });
  });

  it("an owner overrides a failing gate in writing; signing off their own request as the only owner is an override too", async () => {
    const r = await request(A.owner!, "Max", { overrideJustification: "Pilot users asked for production; we watch it daily." });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await signOff(A.owner!, "Max", r.data.stageChangeId)).toMatchObject({ ok: false, error: expect.stringMatching(/only owner/) });
    expect(await signOff(A.owner!, "Max", r.data.stageChangeId, { overrideJustification: "Sole owner; reviewed the evidence myself." })).toEqual({ ok: true, data: { to: "bounded_production", restored: 0 } });
    const [change] = await h.db.select().from(s.stageChanges).where(eq(s.stageChanges.id, r.data.stageChangeId));
    expect(change).toMatchObject({ status: "applied", override: true });
    const verbs = (await h.db.select({ v: s.auditEvents.verb }).from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, A.owner!.tenantId), eq(s.auditEvents.targetId, P.Max!.id)))).map((e) => e.v);
    expect(verbs).toEqual(expect.arrayContaining(["stage.overridden", "stage.signed_off", "stage.advanced"]));
  });

  it("an owner can reject a request", async () => {
    await h.db.update(s.personas).set({ stage: "bounded_production" }).where(eq(s.personas.id, P.Nova!.id));
    const r = await request(A.owner!, "Nova", { overrideJustification: "Testing the rejection path." });
    if (!r.ok) throw new Error(r.error);
    const rej = await act(A.owner!, "stages:signoff", RejectAdvanceInput, { spaceId: P.Nova!.spaceId, stageChangeId: r.data.stageChangeId, note: "Not while paused" }, (i, c) => rejectAdvance(c.tx, c.actor, c.role, i));
    expect(rej.ok).toBe(true);
    expect(await stageOf("Nova")).toBe("bounded_production");
  });

  it("concurrent sign-offs of one request: exactly one wins", async () => {
    // A second owner, so that neither signs off their own request.
    const [u2] = await h.db.insert(s.users).values({ email: "owner2@acme.test", name: "Otto Owner" }).returning({ id: s.users.id });
    const [m] = await h.db.insert(s.memberships).values({ tenantId: A.owner!.tenantId, userId: u2!.id, role: "owner" }).returning({ id: s.memberships.id });
    const owner2: Actor = { ...A.owner!, membershipId: m!.id, email: "owner2@acme.test", name: "Otto Owner" };
    await h.db.update(s.personas).set({ stage: "pilot" }).where(eq(s.personas.id, P.Nova!.id));
    const r = await request(A.operator!, "Nova", {});
    // Nova's own gate fails (paused recently): the operator cannot even ask; an owner overrides.
    expect(r.ok).toBe(false);
    const r2 = await request(A.owner!, "Nova", { overrideJustification: "Calendar rules fixed." });
    if (!r2.ok) throw new Error(r2.error);
    const results = await Promise.all([signOff(owner2, "Nova", r2.data.stageChangeId), signOff(owner2, "Nova", r2.data.stageChangeId), signOff(owner2, "Nova", r2.data.stageChangeId)]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(await stageOf("Nova")).toBe("bounded_production");
  });
});

describe("rollback", () => {
  it("previews exactly what changes, keeps a snapshot, rewrites grants and apps in one go", async () => {
    await h.db.update(s.personas).set({ stage: "bounded_production" }).where(eq(s.personas.id, P.Ava!.id));
    const preview = await previewRollback(h.db, A.operator!, P.Ava!.spaceId, P.Ava!.id);
    expect(preview).toMatchObject({ from: "bounded_production", to: "pilot", maxApps: 1 });
    expect(preview.apps).toHaveLength(2);
    const prodDisabled = preview.rewrites.filter((r) => r.environment === "production" && r.disable);
    expect(prodDisabled.length).toBeGreaterThan(0);

    const tooMany = await act(A.operator!, "stages:request", RollbackInput, { spaceId: P.Ava!.spaceId, personaId: P.Ava!.id, reason: "Incident review", keepAppIds: preview.apps.map((a) => a.id) }, (i, c) => rollbackStage(c.tx, c.actor, c.role, i));
    expect(tooMany).toMatchObject({ ok: false, error: expect.stringMatching(/at most 1 app/) });
    expect(await stageOf("Ava")).toBe("bounded_production");

    const keep = preview.apps[0]!.id;
    const r = await act(A.operator!, "stages:request", RollbackInput, { spaceId: P.Ava!.spaceId, personaId: P.Ava!.id, reason: "Incident review", keepAppIds: [keep] }, (i, c) => rollbackStage(c.tx, c.actor, c.role, i));
    expect(r).toEqual({ ok: true, data: { to: "pilot", rewritten: preview.rewrites.length } });
    expect(await stageOf("Ava")).toBe("pilot");
    const grants = await h.db.select().from(s.capabilityGrants).where(eq(s.capabilityGrants.personaId, P.Ava!.id));
    expect(grants.filter((g) => g.environment === "production" && g.enabled)).toEqual([]);
    const exposure = await h.db.select().from(s.personaApps).where(eq(s.personaApps.personaId, P.Ava!.id));
    expect(exposure.map((e) => e.appId)).toEqual([keep]);
    const [change] = await h.db.select().from(s.stageChanges).where(and(eq(s.stageChanges.personaId, P.Ava!.id), eq(s.stageChanges.kind, "rollback")));
    const snap = change!.grantSnapshot as { grants: { environment: string; enabled: boolean }[]; apps: unknown[] };
    expect(snap.grants.some((g) => g.environment === "production" && g.enabled)).toBe(true);
    expect(snap.apps).toHaveLength(2);
  });
});
