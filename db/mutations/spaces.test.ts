import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveSpaceInput, CreateSpaceInput, UpdateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import { runAuthorized } from "../../lib/server/authorize";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { archiveSpace, insertSpace, updateSpaceSettings } from "./spaces";

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
  const [app] = await h.db.insert(s.apps).values({ tenantId: t.tenantId, spaceId, name: "W", kind: "api" }).returning({ id: s.apps.id });
  const tok = (environment: "sandbox" | "staging") => ({
    tenantId: t.tenantId, spaceId, appId: app!.id, environment, name: `${environment} token`, prefix: "prt_x", tokenHash: `${environment}-${Math.random()}`,
  });
  await h.db.insert(s.runtimeTokens).values([tok("sandbox"), tok("staging")]);
  return { ...t, spaceId };
}

const update = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", UpdateSpaceInput, raw, (i, ctx) => updateSpaceSettings(ctx.tx, ctx.actor, ctx.role, i));
const archive = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", ArchiveSpaceInput, raw, (i, ctx) => archiveSpace(ctx.tx, ctx.actor, ctx.role, i));

describe("space settings", () => {
  it("renames, sets the runtime owner and hosting; removing an environment revokes its tokens only", async () => {
    const t = await setup();
    const r = await update(t.actors.operator, {
      spaceId: t.spaceId, name: "Support 2", description: "d", environments: ["sandbox"],
      runtimeOwner: `member:${t.actors.operator.membershipId}`, runtimeHosting: "customer",
    });
    expect(r).toMatchObject({ ok: true, data: { revokedTokens: 1 } });
    const [sp] = await h.db.select().from(s.spaces).where(eq(s.spaces.id, t.spaceId));
    expect(sp).toMatchObject({ name: "Support 2", environments: ["sandbox"], runtimeOwnerMembershipId: t.actors.operator.membershipId, runtimeHosting: "customer" });
    const tokens = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.spaceId, t.spaceId));
    expect(tokens.find((x) => x.environment === "staging")!.revokedAt).not.toBeNull();
    expect(tokens.find((x) => x.environment === "sandbox")!.revokedAt).toBeNull();
    const verbs = (await h.db.select({ v: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, t.tenantId))).map((x) => x.v);
    expect(verbs).toEqual(expect.arrayContaining(["space.updated", "token.revoked"]));
  });

  it("refuses a runtime owner of another tenant, a reviewer or viewer, and another tenant's space", async () => {
    const t = await setup();
    const other = await setup();
    const base = { spaceId: t.spaceId, name: "X2", environments: ["sandbox"], runtimeHosting: "vendor" };
    expect(await update(t.actors.owner, { ...base, runtimeOwner: `member:${other.actors.owner.membershipId}` })).toMatchObject({
      ok: false, fieldErrors: { runtimeOwner: [expect.any(String)] },
    });
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await update(t.actors[role], base)).toEqual({ ok: false, error: "You do not have permission to do that." });
      expect(await archive(t.actors[role], { spaceId: t.spaceId, reason: "because" })).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    expect(await archive(other.actors.owner, { spaceId: t.spaceId, reason: "because" })).toMatchObject({ ok: false, error: /not found/i });
    const [sp] = await h.db.select().from(s.spaces).where(eq(s.spaces.id, t.spaceId));
    expect(sp).toMatchObject({ name: "Support", archivedAt: null });
  });

  it("archiving revokes every live token of the space", async () => {
    const t = await setup();
    expect(await archive(t.actors.operator, { spaceId: t.spaceId, reason: "Pilot over" })).toMatchObject({ ok: true, data: { revokedTokens: 2 } });
    const [sp] = await h.db.select().from(s.spaces).where(eq(s.spaces.id, t.spaceId));
    expect(sp!.status).toBe("archived");
    const tokens = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.spaceId, t.spaceId));
    expect(tokens.every((x) => x.revokedAt)).toBe(true);
    expect(await archive(t.actors.operator, { spaceId: t.spaceId, reason: "again" })).toMatchObject({ ok: false, error: /archived/ });
  });
});
