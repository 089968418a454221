import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateConnectionInput, RemoveConnectionInput, ReplaceCredentialsInput } from "../../app/(console)/spaces/[spaceId]/connections/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import { openSecret } from "../../lib/crypto/secret-box";
import { connectionSecretKey } from "../../lib/env";
import { runAuthorized } from "../../lib/server/authorize";
import { getSpaceOverview } from "../queries/spaces";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { connectionAad, insertConnection, removeConnection, replaceConnectionCredentials } from "./connections";
import { insertSpace } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

const SECRET = "sk_live_TOP_SECRET_value_42";

async function setup() {
  const t = await makeTenant(h);
  const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name: "Support", environments: ["sandbox", "staging"] }, (i, ctx) =>
    insertSpace(ctx.tx, ctx.actor, ctx.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  for (const role of ["reviewer", "viewer", "operator"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId: r.data.id, membershipId: t.actors[role].membershipId, role });
  }
  return { ...t, spaceId: r.data.id };
}

const create = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", CreateConnectionInput, raw, (i, ctx) => insertConnection(ctx.tx, ctx.actor, ctx.role, i));
const replace = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", ReplaceCredentialsInput, raw, (i, ctx) => replaceConnectionCredentials(ctx.tx, ctx.actor, ctx.role, i));
const remove = (actor: Actor, raw: unknown) =>
  runAuthorized(h.db, actor, "spaces:manage", RemoveConnectionInput, raw, (i, ctx) => removeConnection(ctx.tx, ctx.actor, ctx.role, i));

describe("connections", () => {
  it("stores credentials encrypted (no plaintext in the row, nor in audit, nor in the overview) and decryptable with the key", async () => {
    const t = await setup();
    const r = await create(t.actors.operator, {
      spaceId: t.spaceId, type: "crm", name: "Sandbox CRM", environment: "sandbox", credentials: JSON.stringify({ apiKey: SECRET, region: "eu" }),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [row] = await h.db.select().from(s.connections).where(eq(s.connections.id, r.data.id));
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(row!.credentialsCiphertext).toMatch(/^v1\./);
    expect(JSON.parse(openSecret(row!.credentialsCiphertext!, connectionSecretKey(), connectionAad(t.tenantId, r.data.id)))).toEqual({ apiKey: SECRET, region: "eu" });

    expect((await replace(t.actors.operator, { spaceId: t.spaceId, connectionId: r.data.id, credentials: JSON.stringify({ apiKey: `${SECRET}-2` }) })).ok).toBe(true);
    const audit = await h.db.select().from(s.auditEvents).where(eq(s.auditEvents.tenantId, t.tenantId));
    expect(audit.map((e) => e.verb)).toEqual(expect.arrayContaining(["connection.created", "connection.credentials_replaced"]));
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    const overview = await getSpaceOverview(h.db, t.actors.owner, t.spaceId);
    expect(JSON.stringify(overview)).not.toContain(SECRET);
    expect(JSON.stringify(overview)).not.toContain(row!.credentialsCiphertext!.slice(3, 20));
    expect(overview!.connections[0]).toMatchObject({ name: "Sandbox CRM", credentialsSet: true });
  });

  it("bad input and duplicates get field errors; an environment the space does not touch is refused", async () => {
    const t = await setup();
    const bad = await create(t.actors.owner, { spaceId: t.spaceId, type: "memory", name: "x", environment: "moon", credentials: "{nope" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { type: [expect.any(String)], name: [expect.any(String)], environment: [expect.any(String)], credentials: [expect.stringMatching(/JSON object/)] } });
    const prod = await create(t.actors.owner, { spaceId: t.spaceId, type: "crm", name: "Prod CRM", environment: "production", credentials: "" });
    expect(prod).toMatchObject({ ok: false, fieldErrors: { environment: [expect.stringMatching(/does not touch production/)] } });
    expect((await create(t.actors.owner, { spaceId: t.spaceId, type: "crm", name: "CRM", environment: "sandbox" })).ok).toBe(true);
    const dup = await create(t.actors.owner, { spaceId: t.spaceId, type: "crm", name: "CRM 2", environment: "sandbox" });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { environment: [expect.stringMatching(/already has a CRM connection/)] } });
  });

  it("removing a connection disables the capability it served; reviewer/viewer refused; another tenant not found", async () => {
    const t = await setup();
    const r = await create(t.actors.owner, { spaceId: t.spaceId, type: "crm", name: "CRM", environment: "sandbox", credentials: JSON.stringify({ k: SECRET }) });
    if (!r.ok) throw new Error(r.error);
    const [p] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId: t.spaceId, name: "Ava" }).returning({ id: s.personas.id });
    await h.db.insert(s.capabilityGrants).values({ tenantId: t.tenantId, spaceId: t.spaceId, personaId: p!.id, capabilityKey: "crm", environment: "sandbox", enabled: true });
    for (const role of ["reviewer", "viewer"] as const) {
      expect(await remove(t.actors[role], { spaceId: t.spaceId, connectionId: r.data.id })).toEqual({ ok: false, error: "You do not have permission to do that." });
      expect(await replace(t.actors[role], { spaceId: t.spaceId, connectionId: r.data.id, credentials: "{\"a\":\"b\"}" })).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    const other = await setup();
    expect(await remove(other.actors.owner, { spaceId: other.spaceId, connectionId: r.data.id })).toMatchObject({ ok: false, error: /not found/i });
    expect(await remove(other.actors.owner, { spaceId: t.spaceId, connectionId: r.data.id })).toMatchObject({ ok: false, error: /not found/i });
    expect(await remove(t.actors.operator, { spaceId: t.spaceId, connectionId: r.data.id })).toMatchObject({ ok: true, data: { disabledGrants: 1 } });
    const [g] = await h.db.select().from(s.capabilityGrants).where(eq(s.capabilityGrants.personaId, p!.id));
    expect(g!.enabled).toBe(false);
    expect(await h.db.select().from(s.connections).where(eq(s.connections.id, r.data.id))).toHaveLength(0);
  });
});
