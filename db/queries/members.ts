import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { SpaceRole, TenantRole } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { memberships, spaceGrants, spaces, teamMembers, teams, users } from "../schema";

export interface MemberListItem {
  membershipId: string;
  name: string;
  email: string;
  role: TenantRole;
  joinedAt: Date;
  /** Invited but has not chosen a password yet. */
  invited: boolean;
  externalIds: string[];
  teams: string[];
  spaceGrants: { spaceId: string; spaceName: string; role: SpaceRole }[];
}

/** The tenant's members with their teams and direct space grants. */
export async function listMembers(db: Executor, actor: Actor): Promise<MemberListItem[]> {
  const [rows, teamRows, grantRows] = await Promise.all([
    db
      .select({
        membershipId: memberships.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        joinedAt: memberships.createdAt,
        invited: sql<boolean>`${users.passwordHash} is null`,
        externalIds: memberships.externalIds,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, actor.tenantId), isNull(memberships.removedAt)))
      .orderBy(asc(users.name)),
    db
      .select({ membershipId: teamMembers.membershipId, team: teams.name })
      .from(teamMembers)
      .innerJoin(teams, and(eq(teams.id, teamMembers.teamId), eq(teams.tenantId, teamMembers.tenantId)))
      .where(eq(teamMembers.tenantId, actor.tenantId)),
    db
      .select({ membershipId: spaceGrants.membershipId, spaceId: spaces.id, spaceName: spaces.name, role: spaceGrants.role })
      .from(spaceGrants)
      .innerJoin(spaces, and(eq(spaces.id, spaceGrants.spaceId), eq(spaces.tenantId, spaceGrants.tenantId)))
      .where(eq(spaceGrants.tenantId, actor.tenantId))
      .orderBy(asc(spaces.name)),
  ]);
  return rows.map((r) => ({
    ...r,
    teams: teamRows.filter((t) => t.membershipId === r.membershipId).map((t) => t.team).sort(),
    spaceGrants: grantRows
      .filter((g) => g.membershipId === r.membershipId)
      .map(({ membershipId: _m, ...g }) => g),
  }));
}

export interface TeamListItem {
  id: string;
  name: string;
  description: string;
  members: { membershipId: string; name: string }[];
}

export async function listTeams(db: Executor, actor: Actor): Promise<TeamListItem[]> {
  const [teamRows, memberRows] = await Promise.all([
    db
      .select({ id: teams.id, name: teams.name, description: teams.description })
      .from(teams)
      .where(eq(teams.tenantId, actor.tenantId))
      .orderBy(asc(teams.name)),
    db
      .select({ teamId: teamMembers.teamId, membershipId: teamMembers.membershipId, name: users.name })
      .from(teamMembers)
      .innerJoin(memberships, and(eq(memberships.id, teamMembers.membershipId), eq(memberships.tenantId, teamMembers.tenantId)))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(teamMembers.tenantId, actor.tenantId), isNull(memberships.removedAt)))
      .orderBy(asc(users.name)),
  ]);
  return teamRows.map((t) => ({
    ...t,
    members: memberRows.filter((m) => m.teamId === t.id).map(({ teamId: _t, ...m }) => m),
  }));
}

export interface SpaceGrantRow {
  id: string;
  kind: "member" | "team";
  name: string;
  email: string | null;
  role: SpaceRole;
  /** For members: their tenant role (the effective role is the lower of the two). */
  tenantRole: TenantRole | null;
}

/** Grants of one space (the caller has checked access to the space). */
export async function listSpaceGrants(db: Executor, actor: Actor, spaceId: string): Promise<SpaceGrantRow[]> {
  const rows = await db
    .select({
      id: spaceGrants.id,
      role: spaceGrants.role,
      teamName: teams.name,
      memberName: users.name,
      memberEmail: users.email,
      tenantRole: memberships.role,
    })
    .from(spaceGrants)
    .leftJoin(memberships, and(eq(memberships.id, spaceGrants.membershipId), eq(memberships.tenantId, spaceGrants.tenantId)))
    .leftJoin(users, eq(users.id, memberships.userId))
    .leftJoin(teams, and(eq(teams.id, spaceGrants.teamId), eq(teams.tenantId, spaceGrants.tenantId)))
    .where(and(eq(spaceGrants.tenantId, actor.tenantId), eq(spaceGrants.spaceId, spaceId)));
  return rows
    .map((r) => ({
      id: r.id,
      kind: (r.teamName ? "team" : "member") as "team" | "member",
      name: r.teamName ?? r.memberName ?? "—",
      email: r.teamName ? null : r.memberEmail,
      role: r.role,
      tenantRole: r.teamName ? null : r.tenantRole,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/**
 * How many active owners the tenant has, leaving out `exceptMembershipId` if given. With
 * `lock`, the owner rows are locked (FOR UPDATE, inside a transaction) so two demotions or
 * removals cannot race past the last owner.
 */
export async function countOwners(
  db: Executor,
  tenantId: string,
  opts: { exceptMembershipId?: string; lock?: boolean } = {},
): Promise<number> {
  const query = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, "owner"),
        isNull(memberships.removedAt),
        opts.exceptMembershipId ? ne(memberships.id, opts.exceptMembershipId) : undefined,
      ),
    );
  const rows = opts.lock ? await query.for("update") : await query;
  return rows.length;
}
