import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveAppInput, CreateAppInput, UpdateAppInput } from "../../app/(console)/spaces/[spaceId]/apps/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import { runAuthorized } from "../../lib/server/authorize";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { archiveApp, insertApp, updateApp } from "./apps";
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
  for (const role of ["reviewer", "viewer", "operator"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors[role].membershipId, role });
  }
  const [p] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId, name: "Ava" }).returning({ id: s.personas.id });
  return { ...t, spaceId, personaId: p!.id };
}

const create = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", CreateAppInput, raw, (i, ctx) => insertApp(ctx.tx, ctx.actor, ctx.role, i));
const update = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", UpdateAppInput, raw, (i, ctx) => updateApp(ctx.tx, ctx.actor, ctx.role, i));
const archive = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", ArchiveAppInput, raw, (i, ctx) => archiveApp(ctx.tx, ctx.actor, ctx.role, i));

describe("apps", () => {
  it("creates an app exposing a persona; a second app for a Pilot persona is refused with the stage bound", async () => {
    const t = await setup();
    const r = await create(t.actors.operator, { spaceId: t.spaceId, name: "Widget", kind: "web_widget", personaIds: [t.personaId] });
    expect(r.ok).toBe(true);
    const r2 = await create(t.actors.operator, { spaceId: t.spaceId, name: "API", kind: "api", personaIds: [t.personaId] });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { personaIds: [expect.stringMatching(/stage Pilot, which allows at most 1 app/)] } });
    const rows = await h.db.select().from(s.apps).where(eq(s.apps.spaceId, t.spaceId));
    expect(rows.map((a) => a.name)).toEqual(["Widget"]);
    const bad = await create(t.actors.operator, { spaceId: t.spaceId, name: "X", kind: "toaster", personaIds: [] });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)], kind: ["Pick a kind."] } });
  });

  it("edits an app; reviewer/viewer refused; another tenant gets not found", async () => {
    const t = await setup();
    const r = await create(t.actors.owner, { spaceId: t.spaceId, name: "Widget", kind: "web_widget", personaIds: [] });
    if (!r.ok) throw new Error(r.error);
    const edit = { spaceId: t.spaceId, appId: r.data.id, name: "Chat", kind: "chat", description: "d", personaIds: [t.personaId] };
    expect((await update(t.actors.operator, edit)).ok).toBe(true);
    const [a] = await h.db.select().from(s.apps).where(eq(s.apps.id, r.data.id));
    expect(a).toMatchObject({ name: "Chat", kind: "chat" });
    expect(await h.db.select().from(s.personaApps).where(eq(s.personaApps.appId, r.data.id))).toHaveLength(1);
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await update(t.actors[role], edit)).toEqual({ ok: false, error: "You do not have permission to do that." });
      expect(await archive(t.actors[role], { spaceId: t.spaceId, appId: r.data.id })).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    const other = await setup();
    expect(await archive(other.actors.owner, { spaceId: t.spaceId, appId: r.data.id })).toMatchObject({ ok: false, error: /not found/i });
    expect(await archive(other.actors.owner, { spaceId: other.spaceId, appId: r.data.id })).toMatchObject({ ok: false, error: /not found/i });
  });

  it("archiving an app revokes its live tokens (audited) and removes its exposure", async () => {
    const t = await setup();
    const r = await create(t.actors.owner, { spaceId: t.spaceId, name: "Widget", kind: "web_widget", personaIds: [t.personaId] });
    if (!r.ok) throw new Error(r.error);
    const appId = r.data.id;
    const tok = (name: string, revokedAt: Date | null = null) => ({
      tenantId: t.tenantId, spaceId: t.spaceId, appId, environment: "sandbox" as const, name, prefix: "prt_x", tokenHash: `${name}-${Math.random()}`, revokedAt,
    });
    await h.db.insert(s.runtimeTokens).values([tok("a"), tok("b"), tok("old", new Date(0))]);
    const res = await archive(t.actors.operator, { spaceId: t.spaceId, appId });
    expect(res).toMatchObject({ ok: true, data: { revokedTokens: 2 } });
    const tokens = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.appId, appId));
    expect(tokens.every((x) => x.revokedAt !== null)).toBe(true);
    expect(tokens.find((x) => x.name === "old")!.revokedAt!.getTime()).toBe(0);
    expect(await h.db.select().from(s.personaApps).where(eq(s.personaApps.appId, appId))).toHaveLength(0);
    const verbs = (await h.db.select({ v: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, t.tenantId))).map((x) => x.v);
    expect(verbs.filter((v) => v === "token.revoked")).toHaveLength(2);
    expect(verbs).toContain("app.archived");
    expect(tokens.filter((x) => x.name !== "old").map((x) => x.revokedReason)).toEqual(["app archived", "app archived"]);
    const revokedEvents = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, t.tenantId), eq(s.auditEvents.verb, "token.revoked")));
    for (const ev of revokedEvents) {
      expect(ev.before).toEqual({ revokedAt: null });
      expect(ev.after).toMatchObject({ environment: "sandbox", reason: "app archived" });
    }
    expect(await archive(t.actors.operator, { spaceId: t.spaceId, appId })).toMatchObject({ ok: false, error: /not found/i });
  });
});
