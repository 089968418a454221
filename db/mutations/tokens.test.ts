import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateTokenInput, RevokeTokenInput, RotateTokenInput } from "../../app/(console)/spaces/[spaceId]/tokens/inputs";
import { runAuthorized } from "../../lib/server/authorize";
import { createRuntimeApp } from "../../server/runtime/app";
import { TokenBucketLimiter } from "../../server/runtime/rate-limit";
import { hashToken, isWellFormedToken } from "../../lib/runtime/tokens";
import type { Actor } from "../../lib/actor";
import { verifyAuditChain } from "../audit";
import { listSpaceTokens } from "../queries/tokens";
import { makeRuntimeFixture, type RuntimeFixture } from "../runtime/test-fixtures";
import * as s from "../schema";
import { openTestDatabase, type TestDatabase } from "../test-utils";
import { insertRuntimeToken, revokeRuntimeToken, rotateRuntimeToken } from "./tokens";

let h: TestDatabase;
let f: RuntimeFixture;
beforeAll(async () => {
  h = await openTestDatabase();
  f = await makeRuntimeFixture(h, { environments: ["sandbox", "staging"] });
  for (const role of ["operator", "reviewer", "viewer"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: f.tenantId, spaceId: f.spaceId, membershipId: f.actors[role].membershipId, role });
  }
});
afterAll(async () => {
  await h.close();
});

const create = (actor: Actor, raw: Record<string, unknown>) =>
  runAuthorized(h.db, actor, "spaces:manage", CreateTokenInput, { spaceId: f.spaceId, appId: f.appId, environment: "sandbox", name: "runtime eu-1", ...raw }, (i, c) =>
    insertRuntimeToken(c.tx, c.actor, c.role, i),
  );
const revoke = (actor: Actor, tokenId: string) =>
  runAuthorized(h.db, actor, "spaces:manage", RevokeTokenInput, { spaceId: f.spaceId, tokenId }, (i, c) => revokeRuntimeToken(c.tx, c.actor, c.role, i));
const rotate = (actor: Actor, tokenId: string, graceHours = 24) =>
  runAuthorized(h.db, actor, "spaces:manage", RotateTokenInput, { spaceId: f.spaceId, tokenId, graceHours }, (i, c) =>
    rotateRuntimeToken(c.tx, c.actor, c.role, { ...i, graceHours: i.graceHours ?? 24 }),
  );

function gateway() {
  return createRuntimeApp({ handle: async () => h, limiter: new TokenBucketLimiter(1000, 1000) });
}
const whoami = (token: string) => gateway().request("/api/runtime/v1/whoami", { headers: { authorization: `Bearer ${token}` } });

describe("runtime tokens (console side)", () => {
  it("creates a token shown once; only its hash is stored; audited token.created; it authenticates", async () => {
    const r = await create(f.actors.operator, { expiresInDays: "30" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isWellFormedToken(r.data.token)).toBe(true);
    const [row] = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.id, r.data.id));
    expect(row!.tokenHash).toBe(hashToken(r.data.token));
    expect(row!.createdByMembershipId).toBe(f.actors.operator.membershipId);
    expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [ev] = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.verb, "token.created"), eq(s.auditEvents.targetId, r.data.id)));
    expect(JSON.stringify(ev)).not.toContain(r.data.token);
    expect((await whoami(r.data.token)).status).toBe(200);
    const list = await listSpaceTokens(h.db, f.tenantId, f.spaceId);
    expect(list.find((t) => t.id === r.data.id)).toMatchObject({ status: "active", prefix: r.data.prefix, appName: "Support API", createdBy: f.actors.operator.name });
  });

  it("refuses an environment the space does not allow, with a field error, and writes nothing", async () => {
    const before = (await h.db.select().from(s.runtimeTokens)).length;
    const r = await create(f.actors.operator, { environment: "production" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors?.environment?.[0]).toMatch(/allows sandbox, staging only/);
    expect((await h.db.select().from(s.runtimeTokens)).length).toBe(before);
  });

  it("refuses an app of another space", async () => {
    const other = await makeRuntimeFixture(h);
    const r = await create(f.actors.operator, { appId: other.appId });
    expect(r).toMatchObject({ ok: false, fieldErrors: { appId: [expect.any(String)] } });
  });

  it("a viewer and a reviewer cannot create, revoke or rotate", async () => {
    for (const role of ["viewer", "reviewer"] as const) {
      expect((await create(f.actors[role], {})).ok).toBe(false);
      expect((await revoke(f.actors[role], f.tokenId)).ok).toBe(false);
      expect((await rotate(f.actors[role], f.tokenId)).ok).toBe(false);
    }
    expect((await whoami(f.token)).status).toBe(200);
  });

  it("revoke is immediate (next request 401) and audited", async () => {
    const r = await create(f.actors.owner, { name: "to revoke" });
    if (!r.ok) throw new Error(r.error);
    expect((await whoami(r.data.token)).status).toBe(200);
    expect((await revoke(f.actors.operator, r.data.id)).ok).toBe(true);
    expect((await whoami(r.data.token)).status).toBe(401);
    expect((await revoke(f.actors.operator, r.data.id)).ok).toBe(false);
  });

  it("rotate: a new token at once; the old keeps working until the grace end, then stops", async () => {
    const r = await create(f.actors.operator, { name: "to rotate" });
    if (!r.ok) throw new Error(r.error);
    const rot = await rotate(f.actors.operator, r.data.id, 24);
    if (!rot.ok) throw new Error(rot.error);
    expect(rot.data.token).not.toBe(r.data.token);
    expect((await whoami(rot.data.token)).status).toBe(200);
    const old = await whoami(r.data.token);
    expect(old.status).toBe(200);
    expect(((await old.json()) as { token: { graceEndsAt: string } }).token.graceEndsAt).toBe(rot.data.graceEndsAt);
    expect((await rotate(f.actors.operator, r.data.id)).ok).toBe(false);
    // a zero-hour grace ends at once
    const z = await rotate(f.actors.operator, rot.data.id, 0);
    if (!z.ok) throw new Error(z.error);
    expect((await whoami(rot.data.token)).status).toBe(401);
    expect((await whoami(z.data.token)).status).toBe(200);
    const verbs = (await h.db.select({ v: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, f.tenantId))).map((e) => e.v);
    expect(verbs).toEqual(expect.arrayContaining(["token.created", "token.revoked", "token.rotated"]));
    expect((await verifyAuditChain(h.db, f.tenantId)).ok).toBe(true);
  });

  it("an operator's revocation revokes that token only, with its reason, and one audit event of the shared shape", async () => {
    const a = await create(f.actors.operator, { name: "revoke me" });
    const b = await create(f.actors.operator, { name: "keep me" });
    if (!a.ok || !b.ok) throw new Error("create failed");
    expect(await revoke(f.actors.operator, a.data.id)).toEqual({ ok: true, data: { id: a.data.id } });
    const [ra] = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.id, a.data.id));
    const [rb] = await h.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.id, b.data.id));
    expect(ra!.revokedAt).not.toBeNull();
    expect(ra!.revokedReason).toBe("revoked by an operator");
    expect(rb!.revokedAt).toBeNull();
    expect((await whoami(b.data.token)).status).toBe(200);
    const evs = await h.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.verb, "token.revoked"), eq(s.auditEvents.targetId, a.data.id)));
    expect(evs).toHaveLength(1);
    expect(evs[0]!.before).toEqual({ revokedAt: null });
    expect(evs[0]!.after).toMatchObject({ environment: "sandbox", reason: "revoked by an operator" });
    expect(new Date((evs[0]!.after as { revokedAt: string }).revokedAt).getTime()).toBe(ra!.revokedAt!.getTime());
    expect(await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.verb, "token.revoked"), eq(s.auditEvents.targetId, b.data.id)))).toHaveLength(0);
  });
});
