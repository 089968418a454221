import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DisableCapabilityEverywhereInput,
  SetCapabilityGrantInput,
} from "../../app/(console)/spaces/[spaceId]/personas/[personaId]/capabilities/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import { runAuthorized } from "../../lib/server/authorize";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { disableCapabilityEverywhere, setCapabilityGrant } from "./capabilities";
import { insertSpace } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function setup(environments = ["sandbox", "staging", "production"]) {
  const t = await makeTenant(h);
  const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name: "Support", environments }, (i, ctx) =>
    insertSpace(ctx.tx, ctx.actor, ctx.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  const spaceId = r.data.id;
  for (const role of ["reviewer", "viewer", "operator"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors[role].membershipId, role });
  }
  const [p] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId, name: "Ava" }).returning({ id: s.personas.id });
  return { ...t, spaceId, personaId: p!.id };
}

const set = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", SetCapabilityGrantInput, raw, (i, ctx) => setCapabilityGrant(ctx.tx, ctx.actor, ctx.role, i));
const disableAll = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", DisableCapabilityEverywhereInput, raw, (i, ctx) =>
    disableCapabilityEverywhere(ctx.tx, ctx.actor, ctx.role, i),
  );

async function grants(personaId: string) {
  return h.db.select().from(s.capabilityGrants).where(eq(s.capabilityGrants.personaId, personaId));
}
async function audits(tenantId: string) {
  return (await h.db.select({ v: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, tenantId))).map((x) => x.v);
}

describe("capability grants", () => {
  it("enables a built-in capability with suggested policies, changes a policy within the ceiling; audited", async () => {
    const t = await setup();
    const base = { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "memory", environment: "staging" };
    expect((await set(t.actors.operator, { ...base, enabled: true })).ok).toBe(true);
    let [g] = await grants(t.personaId);
    expect(g).toMatchObject({ enabled: true, policies: { "memory.read": "allow", "memory.write": "review" } });
    expect((await set(t.actors.operator, { ...base, policies: { "memory.read": "review" } })).ok).toBe(true);
    [g] = await grants(t.personaId);
    expect(g!.policies["memory.read"]).toBe("review");
    expect(await audits(t.tenantId)).toEqual(expect.arrayContaining(["capability.enabled", "capability.policy_changed"]));
    expect((await set(t.actors.operator, { ...base, enabled: false })).ok).toBe(true);
    expect(await audits(t.tenantId)).toContain("capability.disabled");
  });

  it("refuses a policy above the stage ceiling with the bound and stage named, and writes nothing", async () => {
    const t = await setup();
    const before = (await audits(t.tenantId)).length;
    const r = await set(t.actors.owner, {
      spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "memory", environment: "staging", enabled: true, policies: { "memory.write": "allow" },
    });
    expect(r).toEqual({ ok: false, error: "Stage Pilot allows at most review for low-risk write actions (memory.write is allow)." });
    const r2 = await set(t.actors.owner, { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "memory", environment: "production", enabled: true });
    expect(r2).toMatchObject({ ok: false, error: expect.stringMatching(/^Stage Pilot does not allow the production environment/) });
    expect(await grants(t.personaId)).toHaveLength(0);
    expect((await audits(t.tenantId)).length).toBe(before);
  });

  it("refuses an environment the space does not touch, and a connected capability without a connection for that environment", async () => {
    const t = await setup(["sandbox"]);
    const r = await set(t.actors.owner, { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "memory", environment: "staging", enabled: true });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/does not touch the staging environment/) });
    const crm = { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "crm", environment: "sandbox", enabled: true };
    expect(await set(t.actors.owner, crm)).toMatchObject({ ok: false, error: expect.stringMatching(/needs a CRM connection for sandbox/) });
    await h.db.insert(s.connections).values({ tenantId: t.tenantId, spaceId: t.spaceId, type: "crm", name: "Sandbox CRM", environment: "sandbox" });
    expect((await set(t.actors.owner, crm)).ok).toBe(true);
  });

  it("bulk disable everywhere; reviewer and viewer refused; another tenant not found", async () => {
    const t = await setup();
    for (const environment of ["sandbox", "staging"]) {
      expect((await set(t.actors.owner, { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "planning", environment, enabled: true })).ok).toBe(true);
    }
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await disableAll(t.actors[role], { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "planning" })).toEqual({
        ok: false,
        error: "You do not have permission to do that.",
      });
      expect(
        await set(t.actors[role], { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "memory", environment: "sandbox", enabled: true }),
      ).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    const other = await setup();
    expect(await disableAll(other.actors.owner, { spaceId: other.spaceId, personaId: t.personaId, capabilityKey: "planning" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/i),
    });
    expect(await disableAll(t.actors.operator, { spaceId: t.spaceId, personaId: t.personaId, capabilityKey: "planning" })).toMatchObject({
      ok: true,
      data: { disabled: 2 },
    });
    const [n] = await h.db
      .select({ n: count() })
      .from(s.capabilityGrants)
      .where(and(eq(s.capabilityGrants.personaId, t.personaId), eq(s.capabilityGrants.enabled, true)));
    expect(n!.n).toBe(0);
  });
});
