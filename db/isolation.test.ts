/**
 * Tenant boundary: every query function, given an Acme actor, refuses or hides
 * Globex's rows (and the other way round). Runs on the demo seed, which gives
 * both tenants spaces, apps, personas, pending actions, tokens, memory and audit events.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../lib/actor";
import { getActorForUser, getSpaceAccess, listAccessibleSpaces, listUserTenants } from "./access";
import { verifyAuditChain } from "./audit";
import { getHomeSummary, listAuditEvents, listPendingActions, listPersonasWithStage, listTokens } from "./queries/console";
import { getGateEvidence } from "./queries/gate-evidence";
import { listMembers } from "./queries/members";
import { countPendingReviews, getSpaceOverview, listSpaces } from "./queries/spaces";
import * as s from "./schema";
import { seedDemo } from "./seed";
import { openTestDatabase, type TestDatabase } from "./test-utils";

let h: TestDatabase;
const actors: Record<string, Actor> = {};
const ids = { acmeSpace: "", globexSpace: "", globexPersona: "", acmePersona: "" };

beforeAll(async () => {
  h = await openTestDatabase();
  await seedDemo(h.db);
  for (const email of ["owner@acme.test", "operator@acme.test", "viewer@acme.test", "owner@globex.test"]) {
    const [u] = await h.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
    actors[email] = (await getActorForUser(h.db, u!.id))!;
  }
  const spaces = await h.db.select({ id: s.spaces.id, name: s.spaces.name }).from(s.spaces);
  ids.acmeSpace = spaces.find((x) => x.name === "Customer Support")!.id;
  ids.globexSpace = spaces.find((x) => x.name === "Globex Concierge")!.id;
  const personas = await h.db.select({ id: s.personas.id, name: s.personas.name }).from(s.personas);
  ids.globexPersona = personas.find((p) => p.name === "Gizmo")!.id;
  ids.acmePersona = personas.find((p) => p.name === "Ava")!.id;
});
afterAll(async () => {
  await h.close();
});

const acmeActors = () => ["owner@acme.test", "operator@acme.test", "viewer@acme.test"].map((e) => actors[e]!);
const globex = () => actors["owner@globex.test"]!;

describe("tenant boundary in every query function", () => {
  it("actors are built in their own tenant; a preferred tenant that is not theirs is ignored", async () => {
    const g = globex();
    expect(g.tenantName).toBe("Globex");
    const forged = await getActorForUser(h.db, g.userId, actors["owner@acme.test"]!.tenantId);
    expect(forged!.tenantName).toBe("Globex");
    expect((await listUserTenants(h.db, g.userId)).map((t) => t.name)).toEqual(["Globex"]);
  });

  it("a user in two tenants acts in one at a time, with that tenant's role", async () => {
    const olivia = actors["owner@acme.test"]!;
    expect((await listUserTenants(h.db, olivia.userId)).map((t) => [t.name, t.role])).toEqual([
      ["Acme", "owner"],
      ["Globex", "viewer"],
    ]);
    const atGlobex = (await getActorForUser(h.db, olivia.userId, globex().tenantId))!;
    expect(atGlobex).toMatchObject({ tenantName: "Globex", tenantRole: "viewer" });
    expect((await listSpaces(h.db, atGlobex)).map((x) => x.name)).toEqual(["Globex Concierge"]);
    expect(await getSpaceAccess(h.db, atGlobex, ids.acmeSpace)).toBeNull();
    expect(await getSpaceAccess(h.db, atGlobex, ids.globexSpace)).toMatchObject({ role: "viewer" });
  });

  it("space access: another tenant's space is invisible, even to an owner", async () => {
    for (const a of acmeActors()) {
      expect(await getSpaceAccess(h.db, a, ids.globexSpace)).toBeNull();
      expect(await getSpaceAccess(h.db, a, ids.acmeSpace)).not.toBeNull();
      expect([...(await listAccessibleSpaces(h.db, a)).keys()]).not.toContain(ids.globexSpace);
      expect(await getSpaceOverview(h.db, a, ids.globexSpace)).toBeNull();
    }
    expect(await getSpaceAccess(h.db, globex(), ids.acmeSpace)).toBeNull();
    expect(await getSpaceOverview(h.db, globex(), ids.acmeSpace)).toBeNull();
    expect(await getSpaceAccess(h.db, globex(), "not-a-uuid")).toBeNull();
  });

  it("lists: spaces, personas, pending actions, tokens, members, home", async () => {
    for (const a of acmeActors()) {
      const spaces = await listSpaces(h.db, a);
      expect(spaces.map((x) => x.name).sort()).toEqual(["Customer Support", "Sales Assistant"]);
      expect(await listSpaces(h.db, a, { q: "Globex" })).toEqual([]);
      const personas = await listPersonasWithStage(h.db, a);
      expect(personas.map((p) => p.name).sort()).toEqual(["Ava", "Max", "Nova"]);
      const pending = await listPendingActions(h.db, a);
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.every((p) => p.spaceName !== "Globex Concierge")).toBe(true);
      const tokens = await listTokens(h.db, a);
      expect(tokens.map((t) => t.name)).not.toContain("globex-widget-sandbox");
      expect(tokens.every((t) => !("tokenHash" in t))).toBe(true);
      const members = await listMembers(h.db, a);
      expect(members.map((m) => m.email)).not.toContain("owner@globex.test");
      expect(members.every((m) => !("passwordHash" in m))).toBe(true);
      const home = await getHomeSummary(h.db, a);
      expect(home.spaces).toBe(2);
      expect(await countPendingReviews(h.db, a)).toBe(pending.length);
    }
    const g = globex();
    expect((await listSpaces(h.db, g)).map((x) => x.name)).toEqual(["Globex Concierge"]);
    expect((await listPersonasWithStage(h.db, g)).map((p) => p.name)).toEqual(["Gizmo"]);
    expect((await listPendingActions(h.db, g)).map((p) => p.personaName)).toEqual(["Gizmo"]);
    expect((await listTokens(h.db, g)).map((t) => t.name)).toEqual(["globex-widget-sandbox"]);
    // Olivia (Acme's owner) is also a viewer in Globex: she is listed there, Acme's others are not.
    expect((await listMembers(h.db, g)).map((m) => m.email).sort()).toEqual(["owner@acme.test", "owner@globex.test"]);
    expect(await countPendingReviews(h.db, g)).toBe(1);
  });

  it("gate evidence is scoped to the tenant", async () => {
    const acmeTenant = actors["owner@acme.test"]!.tenantId;
    expect(await getGateEvidence(h.db, acmeTenant, ids.globexPersona)).toBeNull();
    expect(await getGateEvidence(h.db, globex().tenantId, ids.acmePersona)).toBeNull();
    expect(await getGateEvidence(h.db, acmeTenant, ids.acmePersona)).not.toBeNull();
  });

  it("audit events and chains are per tenant", async () => {
    const acmeOwner = actors["owner@acme.test"]!;
    const acme = await listAuditEvents(h.db, acmeOwner, { withDetails: true, limit: 1000 });
    const glob = await listAuditEvents(h.db, globex(), { withDetails: true, limit: 1000 });
    expect(acme.rows.length).toBeGreaterThan(10);
    expect(acme.rows.some((e) => e.targetLabel === "Globex" || e.targetLabel === "Gizmo" || e.targetLabel === "globex-widget-sandbox")).toBe(false);
    expect(glob.rows.some((e) => e.targetLabel === "Acme" || e.targetLabel === "Ava")).toBe(false);
    expect((await verifyAuditChain(h.db, acmeOwner.tenantId)).ok).toBe(true);
    expect((await verifyAuditChain(h.db, globex().tenantId)).ok).toBe(true);
  });

  it("viewers get audit events without before/after details", async () => {
    const viewer = actors["viewer@acme.test"]!;
    const { rows } = await listAuditEvents(h.db, viewer, { withDetails: false, limit: 200 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.before === null && r.after === null)).toBe(true);
    // No email at all, neither as actor nor as target (member and grant events name people).
    expect(JSON.stringify(rows)).not.toMatch(/@acme\.test/);
    expect(rows.some((r) => r.verb === "grant.created" && r.targetLabel === "a member")).toBe(true);
  });

  it("a non-owner without a grant sees no space at all", async () => {
    // The viewer loses both grants: every list goes empty, the space URL is 404.
    const viewer = actors["viewer@acme.test"]!;
    await h.db.delete(s.spaceGrants).where(eq(s.spaceGrants.membershipId, viewer.membershipId));
    expect(await listSpaces(h.db, viewer)).toEqual([]);
    expect(await listPendingActions(h.db, viewer)).toEqual([]);
    expect(await listTokens(h.db, viewer)).toEqual([]);
    expect(await getSpaceAccess(h.db, viewer, ids.acmeSpace)).toBeNull();
    expect(await countPendingReviews(h.db, viewer)).toBe(0);
  });
});
