import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { verifyPassword } from "../../lib/auth/password";
import { hashPassword } from "../../lib/auth/password";
import type { Actor } from "../../lib/actor";
import type { Permission } from "../../lib/domain/permissions";
import { runAuthorized, type ActionHandler } from "../../lib/server/authorize";
import {
  ChangeMemberRoleInput,
  CreateTeamInput,
  InviteMemberInput,
  RemoveMemberInput,
  SetExternalIdsInput,
  TeamMemberInput,
} from "../../app/(console)/members/inputs";
import { GrantSpaceAccessInput, RevokeSpaceGrantInput } from "../../app/(console)/spaces/[spaceId]/access/inputs";
import { getActorForUser, getSpaceAccess } from "../access";
import { acceptInvite, findInvite } from "../invites";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { insertSpace } from "./spaces";
import {
  addTeamMember,
  changeMemberRole,
  createTeam,
  grantSpaceAccess,
  inviteMember,
  removeMember,
  revokeSpaceGrant,
  setExternalIds,
} from "./members";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

function act<S extends z.ZodType, R>(actor: Actor, schema: S, raw: unknown, fn: ActionHandler<z.output<S>, R>, permission: Permission = "members:manage") {
  return runAuthorized(h.db, actor, permission, schema, raw, fn);
}
const ok = <T,>(r: { ok: true; data: T } | { ok: false; error: string }) => {
  if (!r.ok) throw new Error(r.error);
  return r.data;
};

async function newSpace(actor: Actor, name = "Space") {
  return ok(
    await runAuthorized(h.db, actor, "spaces:manage", (await import("../../app/(console)/spaces/inputs")).CreateSpaceInput, { name, environments: ["sandbox"] }, (i, c) =>
      insertSpace(c.tx, c.actor, c.role, i),
    ),
  ).id;
}

describe("members", () => {
  it("invite → one-time link → the person sets a password, joins, and the link is used up", async () => {
    const { actors } = await makeTenant(h);
    const r = ok(await act(actors.owner, InviteMemberInput, { email: "New.Person@Example.com", name: "New Person", role: "reviewer" }, (i, c) => inviteMember(c.tx, c.actor, c.role, i)));
    expect(r.inviteToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const info = await findInvite(h.db, r.inviteToken!);
    expect(info).toMatchObject({ email: "new.person@example.com", hasPassword: false, tenantName: actors.owner.tenantName });
    // Only a hash of the link is stored.
    const invites = await h.db.select().from(s.memberInvites).where(eq(s.memberInvites.membershipId, r.membershipId));
    expect(JSON.stringify(invites)).not.toContain(r.inviteToken!);

    const accepted = await acceptInvite(h.db, r.inviteToken!, { name: "Nina New", passwordHash: await hashPassword("a-long-password") });
    expect(accepted).toEqual({ email: "new.person@example.com" });
    const [u] = await h.db.select().from(s.users).where(eq(s.users.email, "new.person@example.com"));
    expect(u!.name).toBe("Nina New");
    expect(await verifyPassword("a-long-password", u!.passwordHash)).toBe(true);
    expect(await acceptInvite(h.db, r.inviteToken!, { name: "Again", passwordHash: "x" })).toBeNull();
    expect(await findInvite(h.db, r.inviteToken!)).toBeNull();
    const actor = await getActorForUser(h.db, u!.id);
    expect(actor).toMatchObject({ tenantRole: "reviewer", tenantId: actors.owner.tenantId });
  });

  it("refuses to invite someone twice, and refuses non-owners (one authz.denied, nothing else)", async () => {
    const { tenantId, actors } = await makeTenant(h);
    const again = await act(actors.owner, InviteMemberInput, { email: actors.viewer.email, name: "V", role: "viewer" }, (i, c) => inviteMember(c.tx, c.actor, c.role, i));
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/already a member/) });
    const before = await h.db.select({ n: count() }).from(s.memberships).where(eq(s.memberships.tenantId, tenantId));
    const denied = await act(actors.operator, InviteMemberInput, { email: "x@example.com", name: "X", role: "owner" }, (i, c) => inviteMember(c.tx, c.actor, c.role, i));
    expect(denied).toEqual({ ok: false, error: "You do not have permission to do that." });
    const after = await h.db.select({ n: count() }).from(s.memberships).where(eq(s.memberships.tenantId, tenantId));
    expect(after[0]!.n).toBe(before[0]!.n);
    const deniedEvents = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, tenantId), eq(s.auditEvents.verb, "authz.denied")));
    expect(deniedEvents).toHaveLength(1);
  });

  it("the only owner can be neither demoted nor removed; with a second owner they can", async () => {
    const { actors } = await makeTenant(h);
    const demote = await act(actors.owner, ChangeMemberRoleInput, { membershipId: actors.owner.membershipId, role: "viewer" }, (i, c) => changeMemberRole(c.tx, c.actor, c.role, i));
    expect(demote).toMatchObject({ ok: false, error: expect.stringMatching(/only owner/) });
    const remove = await act(actors.owner, RemoveMemberInput, { membershipId: actors.owner.membershipId }, (i, c) => removeMember(c.tx, c.actor, c.role, i));
    expect(remove).toMatchObject({ ok: false, error: expect.stringMatching(/only owner/) });
    ok(await act(actors.owner, ChangeMemberRoleInput, { membershipId: actors.operator.membershipId, role: "owner" }, (i, c) => changeMemberRole(c.tx, c.actor, c.role, i)));
    ok(await act(actors.owner, ChangeMemberRoleInput, { membershipId: actors.owner.membershipId, role: "viewer" }, (i, c) => changeMemberRole(c.tx, c.actor, c.role, i)));
  });

  it("removing a member ends their access at the next request; history stays", async () => {
    const { actors } = await makeTenant(h);
    const spaceId = await newSpace(actors.owner);
    ok(await act(actors.owner, GrantSpaceAccessInput, { spaceId, grantee: `member:${actors.reviewer.membershipId}`, role: "reviewer" }, (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i)));
    expect(await getSpaceAccess(h.db, actors.reviewer, spaceId)).toMatchObject({ role: "reviewer" });
    ok(await act(actors.owner, RemoveMemberInput, { membershipId: actors.reviewer.membershipId }, (i, c) => removeMember(c.tx, c.actor, c.role, i)));
    expect(await getActorForUser(h.db, actors.reviewer.userId)).toBeNull();
    const [row] = await h.db.select().from(s.memberships).where(eq(s.memberships.id, actors.reviewer.membershipId));
    expect(row!.removedAt).toBeInstanceOf(Date);
    const grants = await h.db.select().from(s.spaceGrants).where(eq(s.spaceGrants.membershipId, actors.reviewer.membershipId));
    expect(grants).toHaveLength(0);
  });

  it("teams: a grant to a team reaches its members; the effective role is the lower of tenant and space role", async () => {
    const { actors } = await makeTenant(h);
    const spaceId = await newSpace(actors.owner);
    const team = ok(await act(actors.owner, CreateTeamInput, { name: "Ops", description: "" }, (i, c) => createTeam(c.tx, c.actor, c.role, i)));
    expect(await act(actors.owner, CreateTeamInput, { name: "ops", description: "" }, (i, c) => createTeam(c.tx, c.actor, c.role, i))).toMatchObject({ ok: false });
    for (const who of [actors.operator, actors.viewer]) {
      ok(await act(actors.owner, TeamMemberInput, { teamId: team.id, membershipId: who.membershipId }, (i, c) => addTeamMember(c.tx, c.actor, c.role, i)));
    }
    expect(await getSpaceAccess(h.db, actors.operator, spaceId)).toBeNull();
    const g = ok(await act(actors.owner, GrantSpaceAccessInput, { spaceId, grantee: `team:${team.id}`, role: "operator" }, (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i)));
    expect(await getSpaceAccess(h.db, actors.operator, spaceId)).toMatchObject({ role: "operator" });
    expect(await getSpaceAccess(h.db, actors.viewer, spaceId)).toMatchObject({ role: "viewer" });
    // A second, direct grant: the highest space role counts.
    ok(await act(actors.owner, GrantSpaceAccessInput, { spaceId, grantee: `member:${actors.viewer.membershipId}`, role: "reviewer" }, (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i)));
    expect(await getSpaceAccess(h.db, actors.viewer, spaceId)).toMatchObject({ role: "viewer" });
    ok(await act(actors.owner, RevokeSpaceGrantInput, { spaceId, grantId: g.id }, (i, c) => revokeSpaceGrant(c.tx, c.actor, c.role, i)));
    expect(await getSpaceAccess(h.db, actors.operator, spaceId)).toBeNull();
  });

  it("another tenant's members, teams and spaces are not found", async () => {
    const a = await makeTenant(h);
    const b = await makeTenant(h);
    const bSpace = await newSpace(b.actors.owner);
    const bTeam = ok(await act(b.actors.owner, CreateTeamInput, { name: "B team", description: "" }, (i, c) => createTeam(c.tx, c.actor, c.role, i)));
    const cases = [
      await act(a.actors.owner, ChangeMemberRoleInput, { membershipId: b.actors.viewer.membershipId, role: "owner" }, (i, c) => changeMemberRole(c.tx, c.actor, c.role, i)),
      await act(a.actors.owner, RemoveMemberInput, { membershipId: b.actors.viewer.membershipId }, (i, c) => removeMember(c.tx, c.actor, c.role, i)),
      await act(a.actors.owner, SetExternalIdsInput, { membershipId: b.actors.viewer.membershipId, externalIds: "x" }, (i, c) => setExternalIds(c.tx, c.actor, c.role, i)),
      await act(a.actors.owner, TeamMemberInput, { teamId: bTeam.id, membershipId: a.actors.viewer.membershipId }, (i, c) => addTeamMember(c.tx, c.actor, c.role, i)),
      await act(a.actors.owner, GrantSpaceAccessInput, { spaceId: bSpace, grantee: `member:${a.actors.viewer.membershipId}`, role: "operator" }, (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i)),
      await act(a.actors.owner, GrantSpaceAccessInput, { spaceId: (await newSpace(a.actors.owner)), grantee: `member:${b.actors.viewer.membershipId}`, role: "operator" }, (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i)),
    ];
    for (const r of cases) expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });
    const [bViewer] = await h.db.select().from(s.memberships).where(eq(s.memberships.id, b.actors.viewer.membershipId));
    expect(bViewer).toMatchObject({ role: "viewer", removedAt: null, externalIds: [] });
  });

  it("external ids are normalised (split, trimmed, deduplicated)", async () => {
    const { actors } = await makeTenant(h);
    ok(await act(actors.owner, SetExternalIdsInput, { membershipId: actors.reviewer.membershipId, externalIds: " cust-1, cust-2\ncust-1 " }, (i, c) => setExternalIds(c.tx, c.actor, c.role, i)));
    const [m] = await h.db.select().from(s.memberships).where(eq(s.memberships.id, actors.reviewer.membershipId));
    expect(m!.externalIds).toEqual(["cust-1", "cust-2"]);
  });
});
