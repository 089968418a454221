import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreatePersonaInput,
  PauseAllPersonasInput,
  PausePersonaInput,
  ResumePersonaInput,
  UpdatePersonaInput,
} from "../../app/(console)/spaces/[spaceId]/personas/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import type { ActionStatus } from "../../lib/domain/constants";
import { runAuthorized } from "../../lib/server/authorize";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { insertPersona, pauseAllPersonas, pausePersona, resumePersona, updatePersona } from "./personas";
import { insertSpace } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function setup() {
  const t = await makeTenant(h);
  const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name: "Support", environments: ["sandbox", "staging"] }, (i, ctx) =>
    insertSpace(ctx.tx, ctx.actor, ctx.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  const spaceId = r.data.id;
  const appIds: string[] = [];
  for (const name of ["Widget", "API"]) {
    const [a] = await h.db.insert(s.apps).values({ tenantId: t.tenantId, spaceId, name, kind: "web_widget" }).returning({ id: s.apps.id });
    appIds.push(a!.id);
  }
  // Reviewer and viewer get space grants, so refusals come from their role, not from invisibility.
  for (const role of ["reviewer", "viewer", "operator"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors[role].membershipId, role });
  }
  return { ...t, spaceId, appIds };
}

const create = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", CreatePersonaInput, raw, (i, ctx) => insertPersona(ctx.tx, ctx.actor, ctx.role, i));
const update = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", UpdatePersonaInput, raw, (i, ctx) => updatePersona(ctx.tx, ctx.actor, ctx.role, i));
const pause = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "personas:pause", PausePersonaInput, raw, (i, ctx) => pausePersona(ctx.tx, ctx.actor, ctx.role, i));
const resume = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "personas:pause", ResumePersonaInput, raw, (i, ctx) => resumePersona(ctx.tx, ctx.actor, ctx.role, i));
const pauseAll = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "personas:pause", PauseAllPersonasInput, raw, (i, ctx) => pauseAllPersonas(ctx.tx, ctx.actor, ctx.role, i));

async function auditVerbs(tenantId: string) {
  const rows = await h.db.select({ verb: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, tenantId));
  return rows.map((r) => r.verb);
}

async function insertAction(t: Awaited<ReturnType<typeof setup>>, personaId: string, status: ActionStatus, outcome?: "succeeded" | "failed") {
  const [a] = await h.db
    .insert(s.actions)
    .values({
      tenantId: t.tenantId,
      spaceId: t.spaceId,
      personaId,
      appId: t.appIds[0]!,
      environment: "sandbox",
      actionKey: "memory.write",
      capabilityKey: "memory",
      stage: "pilot",
      status,
      reasonCode: status === "pending" ? "policy_review" : "policy_allow",
      decidedBy: status === "pending" ? null : "policy",
      requiredApprovals: 1,
      decisionPath: [],
      outcomeStatus: outcome ?? null,
    })
    .returning({ id: s.actions.id });
  return a!.id;
}

describe("personas: create and edit", () => {
  it("an operator creates a persona exposed through one app; audited", async () => {
    const t = await setup();
    const r = await create(t.actors.operator, {
      spaceId: t.spaceId,
      name: "Ava",
      purpose: "Answers customers",
      ownerMembershipId: t.actors.operator.membershipId,
      appIds: [t.appIds[0]],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [p] = await h.db.select().from(s.personas).where(eq(s.personas.id, r.data.id));
    expect(p).toMatchObject({ name: "Ava", status: "active", stage: "pilot", spaceId: t.spaceId });
    const pa = await h.db.select().from(s.personaApps).where(eq(s.personaApps.personaId, r.data.id));
    expect(pa.map((x) => x.appId)).toEqual([t.appIds[0]]);
    expect(await auditVerbs(t.tenantId)).toContain("persona.created");
  });

  it("refuses more apps than the pilot stage allows, with a field error naming the stage; writes nothing", async () => {
    const t = await setup();
    const r = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", appIds: t.appIds });
    expect(r).toMatchObject({ ok: false, fieldErrors: { appIds: [expect.stringMatching(/Stage Pilot allows at most 1 app/)] } });
    const [n] = await h.db.select({ n: count() }).from(s.personas).where(eq(s.personas.tenantId, t.tenantId));
    expect(n!.n).toBe(0);
  });

  it("refuses an app or owner of another tenant", async () => {
    const t = await setup();
    const other = await setup();
    const r1 = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", appIds: [other.appIds[0]] });
    expect(r1).toMatchObject({ ok: false, fieldErrors: { appIds: [expect.any(String)] } });
    const r2 = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", ownerMembershipId: other.actors.owner.membershipId });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { ownerMembershipId: [expect.any(String)] } });
  });

  it("edits name, purpose and exposure; a reviewer or viewer is refused; another tenant gets not found", async () => {
    const t = await setup();
    const c = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", appIds: [t.appIds[0]] });
    if (!c.ok) throw new Error(c.error);
    const edit = { spaceId: t.spaceId, personaId: c.data.id, name: "Ava 2", purpose: "New", appIds: [t.appIds[1]] };
    expect((await update(t.actors.operator, edit)).ok).toBe(true);
    const [p] = await h.db.select().from(s.personas).where(eq(s.personas.id, c.data.id));
    expect(p).toMatchObject({ name: "Ava 2", purpose: "New" });
    const pa = await h.db.select().from(s.personaApps).where(eq(s.personaApps.personaId, c.data.id));
    expect(pa.map((x) => x.appId)).toEqual([t.appIds[1]]);
    expect(await auditVerbs(t.tenantId)).toEqual(expect.arrayContaining(["persona.updated", "persona.exposure_changed"]));
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await update(t.actors[role], { ...edit, name: "Hijack" })).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    const other = await setup();
    expect(await update(other.actors.owner, { ...edit, name: "Hijack" })).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });
    // Another tenant's persona through the other tenant's own space: still not found.
    expect(await update(other.actors.owner, { ...edit, spaceId: other.spaceId, name: "Hijack", appIds: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/i),
    });
    const [after] = await h.db.select().from(s.personas).where(eq(s.personas.id, c.data.id));
    expect(after!.name).toBe("Ava 2");
  });
});

describe("kill switch", () => {
  it("pausing cancels pending and approved-without-outcome actions, leaves others, opens one incident; resume closes it", async () => {
    const t = await setup();
    const c = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", appIds: [t.appIds[0]] });
    if (!c.ok) throw new Error(c.error);
    const pid = c.data.id;
    const pending = await insertAction(t, pid, "pending");
    const approvedOpen = await insertAction(t, pid, "approved");
    const approvedDone = await insertAction(t, pid, "approved", "succeeded");
    const denied = await insertAction(t, pid, "denied");
    const rejected = await insertAction(t, pid, "rejected");

    const r = await pause(t.actors.operator, { spaceId: t.spaceId, personaId: pid, reason: "Odd replies in staging" });
    expect(r).toMatchObject({ ok: true, data: { cancelledActions: 2 } });
    const [p] = await h.db.select().from(s.personas).where(eq(s.personas.id, pid));
    expect(p!.status).toBe("paused");
    expect(p!.pausedAt).toBeInstanceOf(Date);
    const rows = await h.db.select({ id: s.actions.id, status: s.actions.status, decidedBy: s.actions.decidedBy }).from(s.actions).where(eq(s.actions.personaId, pid));
    const byId = new Map(rows.map((x) => [x.id, x]));
    expect(byId.get(pending)).toMatchObject({ status: "cancelled", decidedBy: "system" });
    expect(byId.get(approvedOpen)).toMatchObject({ status: "cancelled", decidedBy: "system" });
    expect(byId.get(approvedDone)!.status).toBe("approved");
    expect(byId.get(denied)!.status).toBe("denied");
    expect(byId.get(rejected)!.status).toBe("rejected");
    const inc = await h.db.select().from(s.incidents).where(eq(s.incidents.personaId, pid));
    expect(inc).toHaveLength(1);
    expect(inc[0]).toMatchObject({ status: "open", reason: "Odd replies in staging", openedByMembershipId: t.actors.operator.membershipId });
    const verbs = await auditVerbs(t.tenantId);
    expect(verbs.filter((v) => v === "action.cancelled")).toHaveLength(2);
    expect(verbs).toEqual(expect.arrayContaining(["persona.paused", "incident.opened"]));

    // A second pause is a conflict, and opens no second incident.
    expect(await pause(t.actors.owner, { spaceId: t.spaceId, personaId: pid, reason: "again" })).toMatchObject({ ok: false, error: /already paused/ });

    // Resume needs a note.
    const noNote = await resume(t.actors.operator, { spaceId: t.spaceId, personaId: pid, resolution: "" });
    expect(noNote).toMatchObject({ ok: false, fieldErrors: { resolution: [expect.any(String)] } });
    const ok = await resume(t.actors.operator, { spaceId: t.spaceId, personaId: pid, resolution: "Prompt fixed" });
    expect(ok).toMatchObject({ ok: true, data: { incidentId: inc[0]!.id } });
    const [again] = await h.db.select().from(s.personas).where(eq(s.personas.id, pid));
    expect(again!.status).toBe("active");
    const [closed] = await h.db.select().from(s.incidents).where(eq(s.incidents.id, inc[0]!.id));
    expect(closed).toMatchObject({ status: "resolved", resolution: "Prompt fixed", resolvedByMembershipId: t.actors.operator.membershipId });
    expect(await auditVerbs(t.tenantId)).toEqual(expect.arrayContaining(["persona.resumed", "incident.resolved"]));
  });

  it("a pause needs a reason; a reviewer or viewer is refused; another tenant's persona is not found", async () => {
    const t = await setup();
    const c = await create(t.actors.owner, { spaceId: t.spaceId, name: "Ava", appIds: [] });
    if (!c.ok) throw new Error(c.error);
    const pid = c.data.id;
    expect(await pause(t.actors.owner, { spaceId: t.spaceId, personaId: pid, reason: " " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.any(String)] },
    });
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await pause(t.actors[role], { spaceId: t.spaceId, personaId: pid, reason: "because" })).toEqual({
        ok: false,
        error: "You do not have permission to do that.",
      });
      expect(await pauseAll(t.actors[role], { spaceId: t.spaceId, reason: "because" })).toEqual({
        ok: false,
        error: "You do not have permission to do that.",
      });
    }
    const other = await setup();
    expect(await pause(other.actors.owner, { spaceId: t.spaceId, personaId: pid, reason: "because" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/i),
    });
    expect(await pause(other.actors.owner, { spaceId: other.spaceId, personaId: pid, reason: "because" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/i),
    });
    const [p] = await h.db.select().from(s.personas).where(eq(s.personas.id, pid));
    expect(p!.status).toBe("active");
    const [n] = await h.db.select({ n: count() }).from(s.incidents).where(eq(s.incidents.personaId, pid));
    expect(n!.n).toBe(0);
  });

  it("pause all pauses every active persona of the space, one incident each", async () => {
    const t = await setup();
    const ids: string[] = [];
    for (const name of ["Ava", "Max", "Nova"]) {
      const c = await create(t.actors.owner, { spaceId: t.spaceId, name, appIds: [] });
      if (!c.ok) throw new Error(c.error);
      ids.push(c.data.id);
    }
    await pause(t.actors.owner, { spaceId: t.spaceId, personaId: ids[0], reason: "first" });
    await insertAction(t, ids[1]!, "pending");
    const r = await pauseAll(t.actors.operator, { spaceId: t.spaceId, reason: "Stop everything" });
    expect(r).toMatchObject({ ok: true, data: { paused: 2, cancelledActions: 1 } });
    const ps = await h.db.select({ status: s.personas.status }).from(s.personas).where(eq(s.personas.spaceId, t.spaceId));
    expect(ps.every((p) => p.status === "paused")).toBe(true);
    const open = await h.db
      .select({ n: count() })
      .from(s.incidents)
      .where(and(eq(s.incidents.spaceId, t.spaceId), eq(s.incidents.status, "open")));
    expect(open[0]!.n).toBe(3);
    expect(await auditVerbs(t.tenantId)).toContain("space.paused");
    expect(await pauseAll(t.actors.operator, { spaceId: t.spaceId, reason: "again" })).toMatchObject({ ok: false, error: /No active persona/ });
  });
});
