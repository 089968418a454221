/**
 * Tenant boundary of the governance read functions (personas, apps, connections, space
 * settings): given a Globex actor, Acme's rows are invisible, and the other way round.
 * Runs on the demo seed.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/actor";
import { getActorForUser } from "../access";
import * as s from "../schema";
import { seedDemo } from "../seed";
import { openTestDatabase, type TestDatabase } from "../test-utils";
import { getConnectionDetail, listSpaceConnectionKeys } from "./connections";
import {
  getAppDetail,
  getPersonaDetail,
  getSpaceSettings,
  listSpaceAppOptions,
  listSpacePersonaOptions,
  listTenantMemberOptions,
  listTenantTeamOptions,
} from "./personas";

let h: TestDatabase;
const actors: Record<string, Actor> = {};
const ids = { acmeSpace: "", acmePersona: "", acmeApp: "", acmeConnection: "", globexSpace: "", globexPersona: "" };

beforeAll(async () => {
  h = await openTestDatabase();
  await seedDemo(h.db);
  for (const email of ["owner@acme.test", "owner@globex.test"]) {
    const [u] = await h.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
    actors[email] = (await getActorForUser(h.db, u!.id))!;
  }
  const spaces = await h.db.select({ id: s.spaces.id, name: s.spaces.name }).from(s.spaces);
  ids.acmeSpace = spaces.find((x) => x.name === "Customer Support")!.id;
  ids.globexSpace = spaces.find((x) => x.name === "Globex Concierge")!.id;
  const personas = await h.db.select({ id: s.personas.id, name: s.personas.name }).from(s.personas);
  ids.acmePersona = personas.find((p) => p.name === "Ava")!.id;
  ids.globexPersona = personas.find((p) => p.name === "Gizmo")!.id;
  const [app] = await h.db.select({ id: s.apps.id }).from(s.apps).where(eq(s.apps.spaceId, ids.acmeSpace));
  ids.acmeApp = app!.id;
  const [conn] = await h.db.select({ id: s.connections.id }).from(s.connections).where(eq(s.connections.spaceId, ids.acmeSpace));
  ids.acmeConnection = conn!.id;
});
afterAll(async () => {
  await h.close();
});

describe("governance reads stay inside the tenant", () => {
  it("an Acme owner reads Acme's persona, app, connection and settings", async () => {
    const acme = actors["owner@acme.test"]!;
    expect(await getPersonaDetail(h.db, acme, ids.acmeSpace, ids.acmePersona)).toMatchObject({ name: "Ava" });
    expect(await getAppDetail(h.db, acme, ids.acmeSpace, ids.acmeApp)).not.toBeNull();
    expect(await getConnectionDetail(h.db, acme, ids.acmeSpace, ids.acmeConnection)).not.toBeNull();
    expect(await getSpaceSettings(h.db, acme, ids.acmeSpace)).toMatchObject({ name: "Customer Support" });
  });

  it("a Globex owner reads none of them, by Acme's ids or through its own space id", async () => {
    const g = actors["owner@globex.test"]!;
    for (const spaceId of [ids.acmeSpace, ids.globexSpace]) {
      expect(await getPersonaDetail(h.db, g, spaceId, ids.acmePersona)).toBeNull();
      expect(await getAppDetail(h.db, g, spaceId, ids.acmeApp)).toBeNull();
      expect(await getConnectionDetail(h.db, g, spaceId, ids.acmeConnection)).toBeNull();
    }
    expect(await getSpaceSettings(h.db, g, ids.acmeSpace)).toBeNull();
    expect(await listSpaceAppOptions(h.db, g, ids.acmeSpace)).toEqual([]);
    expect(await listSpacePersonaOptions(h.db, g, ids.acmeSpace)).toEqual([]);
    expect((await listSpaceConnectionKeys(h.db, g, ids.acmeSpace)).size).toBe(0);
    const members = await listTenantMemberOptions(h.db, g);
    expect(members.map((m) => m.name)).not.toContain("Omar Operator");
    const teams = await listTenantTeamOptions(h.db, g);
    expect(teams.map((t) => t.name)).not.toContain("Support Ops");
    // And the other way round.
    expect(await getPersonaDetail(h.db, actors["owner@acme.test"]!, ids.globexSpace, ids.globexPersona)).toBeNull();
  });

  it("the persona page's data carries no connection credentials", async () => {
    const acme = actors["owner@acme.test"]!;
    const c = await getConnectionDetail(h.db, acme, ids.acmeSpace, ids.acmeConnection);
    expect(Object.keys(c!)).not.toContain("credentialsCiphertext");
  });
});
