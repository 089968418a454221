import { and, asc, eq } from "drizzle-orm";
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
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, actor.tenantId))
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
