import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { auditActor, type Actor } from "../../lib/actor";
import type { SpaceRole, TenantRole } from "../../lib/domain/constants";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { countOwners } from "../queries/members";
import { memberInvites, memberships, spaceGrants, spaces, teamMembers, teams, users } from "../schema";

/** Invitation links stay valid this long. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function getActiveMembership(tx: Tx, actor: Actor, membershipId: string) {
  const [m] = await tx
    .select({ id: memberships.id, role: memberships.role, email: users.email, name: users.name, userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.tenantId, actor.tenantId), isNull(memberships.removedAt)));
  if (!m) throw new NotFoundError("That member");
  return m;
}

export interface InviteResult {
  membershipId: string;
  /** The one-time sign-in link token, shown once; null when the person already has a password. */
  inviteToken: string | null;
}

/**
 * Invite a person by email. No mail server is assumed: the owner gets a one-time
 * sign-in link to hand over. A removed member invited again is reactivated.
 */
export async function inviteMember(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { email: string; name: string; role: TenantRole },
): Promise<InviteResult> {
  const email = input.email.toLowerCase();
  let [user] = await tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  if (!user) {
    [user] = await tx.insert(users).values({ email, name: input.name }).returning({ id: users.id, passwordHash: users.passwordHash });
  }
  const [existing] = await tx
    .select({ id: memberships.id, removedAt: memberships.removedAt })
    .from(memberships)
    .where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.userId, user!.id)));
  if (existing && !existing.removedAt) {
    throw new UserError(`${email} is already a member of ${actor.tenantName}.`, { email: ["Already a member."] });
  }
  let membershipId: string;
  if (existing) {
    await tx.update(memberships).set({ removedAt: null, role: input.role }).where(eq(memberships.id, existing.id));
    membershipId = existing.id;
  } else {
    const [m] = await tx
      .insert(memberships)
      .values({ tenantId: actor.tenantId, userId: user!.id, role: input.role })
      .returning({ id: memberships.id });
    membershipId = m!.id;
  }
  let inviteToken: string | null = null;
  if (!user!.passwordHash) {
    inviteToken = randomBytes(32).toString("base64url");
    await tx.insert(memberInvites).values({
      tenantId: actor.tenantId,
      membershipId,
      tokenHash: hashInviteToken(inviteToken),
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      createdByMembershipId: actor.membershipId,
    });
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "member.invited",
    target: { type: "member", id: membershipId, label: email },
    after: { role: input.role, reactivated: Boolean(existing) },
  });
  return { membershipId, inviteToken };
}

export async function changeMemberRole(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { membershipId: string; role: TenantRole },
): Promise<void> {
  const m = await getActiveMembership(tx, actor, input.membershipId);
  if (m.role === input.role) throw new UserError(`${m.name} already has that role.`);
  if (m.role === "owner" && (await countOwners(tx, actor.tenantId, { exceptMembershipId: m.id, lock: true })) === 0) {
    throw new ConflictError(`${m.name} is the only owner of ${actor.tenantName}. Make someone else an owner first.`);
  }
  await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, m.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "member.role_changed",
    target: { type: "member", id: m.id, label: m.email },
    before: { role: m.role },
    after: { role: input.role },
  });
}

/**
 * Remove a member: they lose access at their next request (roles are read per
 * request). Their row stays for history; team memberships and direct space grants go.
 */
export async function removeMember(tx: Tx, actor: Actor, actorRole: TenantRole, input: { membershipId: string }): Promise<void> {
  const m = await getActiveMembership(tx, actor, input.membershipId);
  if (m.role === "owner" && (await countOwners(tx, actor.tenantId, { exceptMembershipId: m.id, lock: true })) === 0) {
    throw new ConflictError(`${m.name} is the only owner of ${actor.tenantName} and cannot be removed.`);
  }
  await tx.update(memberships).set({ removedAt: new Date() }).where(eq(memberships.id, m.id));
  await tx.delete(teamMembers).where(and(eq(teamMembers.tenantId, actor.tenantId), eq(teamMembers.membershipId, m.id)));
  await tx.delete(spaceGrants).where(and(eq(spaceGrants.tenantId, actor.tenantId), eq(spaceGrants.membershipId, m.id)));
  await tx
    .update(memberInvites)
    .set({ usedAt: new Date() })
    .where(and(eq(memberInvites.membershipId, m.id), isNull(memberInvites.usedAt)));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "member.removed",
    target: { type: "member", id: m.id, label: m.email },
    before: { role: m.role },
  });
}

export async function setExternalIds(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { membershipId: string; externalIds: string[] },
): Promise<void> {
  const m = await getActiveMembership(tx, actor, input.membershipId);
  await tx.update(memberships).set({ externalIds: input.externalIds }).where(eq(memberships.id, m.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "member.external_ids_changed",
    target: { type: "member", id: m.id, label: m.email },
    after: { externalIds: input.externalIds },
  });
}

// ── teams ────────────────────────────────────────────────────────────────

async function getTeam(tx: Tx, actor: Actor, teamId: string) {
  const [t] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.tenantId, actor.tenantId)));
  if (!t) throw new NotFoundError("That team");
  return t;
}

export async function createTeam(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { name: string; description: string },
): Promise<{ id: string }> {
  const [dup] = await tx
    .select({ n: count() })
    .from(teams)
    .where(and(eq(teams.tenantId, actor.tenantId), eq(sql`lower(${teams.name})`, input.name.toLowerCase())));
  if ((dup?.n ?? 0) > 0) throw new UserError(`A team named ${input.name} already exists.`, { name: ["Pick another name."] });
  const [t] = await tx
    .insert(teams)
    .values({ tenantId: actor.tenantId, name: input.name, description: input.description })
    .returning({ id: teams.id });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "team.created",
    target: { type: "team", id: t!.id, label: input.name },
    after: input,
  });
  return { id: t!.id };
}

export async function deleteTeam(tx: Tx, actor: Actor, actorRole: TenantRole, input: { teamId: string }): Promise<void> {
  const t = await getTeam(tx, actor, input.teamId);
  const [owner] = await tx
    .select({ n: count() })
    .from(spaces)
    .where(and(eq(spaces.tenantId, actor.tenantId), eq(spaces.runtimeOwnerTeamId, t.id)));
  if ((owner?.n ?? 0) > 0) throw new ConflictError(`${t.name} owns a space's runtime. Name another runtime owner first.`);
  await tx.delete(teams).where(eq(teams.id, t.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "team.deleted",
    target: { type: "team", id: t.id, label: t.name },
  });
}

export async function addTeamMember(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { teamId: string; membershipId: string },
): Promise<void> {
  const t = await getTeam(tx, actor, input.teamId);
  const m = await getActiveMembership(tx, actor, input.membershipId);
  const inserted = await tx
    .insert(teamMembers)
    .values({ tenantId: actor.tenantId, teamId: t.id, membershipId: m.id })
    .onConflictDoNothing()
    .returning({ teamId: teamMembers.teamId });
  if (inserted.length === 0) throw new UserError(`${m.name} is already in ${t.name}.`);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "team.member_added",
    target: { type: "team", id: t.id, label: t.name },
    after: { member: m.email },
  });
}

export async function removeTeamMember(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { teamId: string; membershipId: string },
): Promise<void> {
  const t = await getTeam(tx, actor, input.teamId);
  const m = await getActiveMembership(tx, actor, input.membershipId);
  const gone = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.tenantId, actor.tenantId), eq(teamMembers.teamId, t.id), eq(teamMembers.membershipId, m.id)))
    .returning({ teamId: teamMembers.teamId });
  if (gone.length === 0) throw new UserError(`${m.name} is not in ${t.name}.`);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "team.member_removed",
    target: { type: "team", id: t.id, label: t.name },
    before: { member: m.email },
  });
}

// ── space grants ─────────────────────────────────────────────────────────

/** Grant a member or a team a role in a space (replacing an existing grant's role). */
export async function grantSpaceAccess(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { spaceId: string; membershipId?: string; teamId?: string; role: SpaceRole },
): Promise<{ id: string }> {
  let label: string;
  if (input.membershipId) label = (await getActiveMembership(tx, actor, input.membershipId)).email;
  else if (input.teamId) label = (await getTeam(tx, actor, input.teamId)).name;
  else throw new UserError("Choose a member or a team.", { grantee: ["Choose a member or a team."] });
  const [existing] = await tx
    .select({ id: spaceGrants.id, role: spaceGrants.role })
    .from(spaceGrants)
    .where(
      and(
        eq(spaceGrants.tenantId, actor.tenantId),
        eq(spaceGrants.spaceId, input.spaceId),
        input.membershipId ? eq(spaceGrants.membershipId, input.membershipId) : eq(spaceGrants.teamId, input.teamId!),
      ),
    );
  if (existing) {
    await tx.update(spaceGrants).set({ role: input.role }).where(eq(spaceGrants.id, existing.id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, actorRole),
      verb: "grant.changed",
      target: { type: "space_grant", id: existing.id, label },
      spaceId: input.spaceId,
      before: { role: existing.role },
      after: { role: input.role },
    });
    return { id: existing.id };
  }
  const [g] = await tx
    .insert(spaceGrants)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      membershipId: input.membershipId ?? null,
      teamId: input.teamId ?? null,
      role: input.role,
    })
    .returning({ id: spaceGrants.id });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "grant.created",
    target: { type: "space_grant", id: g!.id, label },
    spaceId: input.spaceId,
    after: { role: input.role, to: input.teamId ? "team" : "member" },
  });
  return { id: g!.id };
}

export async function revokeSpaceGrant(
  tx: Tx,
  actor: Actor,
  actorRole: TenantRole,
  input: { spaceId: string; grantId: string },
): Promise<void> {
  const gone = await tx
    .delete(spaceGrants)
    .where(
      and(eq(spaceGrants.id, input.grantId), eq(spaceGrants.tenantId, actor.tenantId), eq(spaceGrants.spaceId, input.spaceId)),
    )
    .returning({ id: spaceGrants.id, role: spaceGrants.role });
  if (gone.length === 0) throw new NotFoundError("That grant");
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, actorRole),
    verb: "grant.removed",
    target: { type: "space_grant", id: input.grantId },
    spaceId: input.spaceId,
    before: { role: gone[0]!.role },
  });
}

