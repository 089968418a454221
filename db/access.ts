import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Actor } from "../lib/actor";
import type { SpaceRole, TenantRole } from "../lib/domain/constants";
import { effectiveSpaceRole } from "../lib/domain/permissions";
import type { Executor } from "./client";
import { memberships, spaceGrants, spaces, teamMembers, tenants, users } from "./schema";

/**
 * Build the actor for a signed-in user in a tenant. The role is read from the
 * database on every request: a removed member or changed role takes effect at once.
 * Falls back to the user's first tenant when the preferred one is not theirs.
 */
export async function getActorForUser(
  db: Executor,
  userId: string,
  preferredTenantId?: string | null,
): Promise<Actor | null> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      membershipId: memberships.id,
      tenantId: tenants.id,
      tenantName: tenants.name,
      tenantRole: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .orderBy(asc(tenants.name));
  if (rows.length === 0) return null;
  return rows.find((r) => r.tenantId === preferredTenantId) ?? rows[0]!;
}

export async function listUserTenants(
  db: Executor,
  userId: string,
): Promise<{ id: string; name: string; role: TenantRole }[]> {
  return db
    .select({ id: tenants.id, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .orderBy(asc(tenants.name));
}

/** The teams the actor belongs to, as a subquery. */
function actorTeamIds(db: Executor, actor: Actor) {
  return db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(
      and(eq(teamMembers.tenantId, actor.tenantId), eq(teamMembers.membershipId, actor.membershipId)),
    );
}

/** Grants that reach the actor in the given spaces (directly or through a team). */
function actorGrantCondition(db: Executor, actor: Actor) {
  return and(
    eq(spaceGrants.tenantId, actor.tenantId),
    or(
      eq(spaceGrants.membershipId, actor.membershipId),
      inArray(spaceGrants.teamId, actorTeamIds(db, actor)),
    ),
  );
}

export interface SpaceAccess {
  spaceId: string;
  spaceName: string;
  spaceStatus: "active" | "paused" | "archived";
  /** The actor's effective role in this space (design.md: lower of tenant and space role). */
  role: TenantRole;
}

/**
 * The actor's access to one space, or null when the space is not in the actor's
 * tenant or the actor has no grant to it (callers answer 404 for both).
 */
export async function getSpaceAccess(
  db: Executor,
  actor: Actor,
  spaceId: string,
): Promise<SpaceAccess | null> {
  if (!isUuid(spaceId)) return null;
  const [space] = await db
    .select({ id: spaces.id, name: spaces.name, status: spaces.status })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) return null;
  let grantRoles: SpaceRole[] = [];
  if (actor.tenantRole !== "owner") {
    const grants = await db
      .select({ role: spaceGrants.role })
      .from(spaceGrants)
      .where(and(eq(spaceGrants.spaceId, spaceId), actorGrantCondition(db, actor)));
    grantRoles = grants.map((g) => g.role);
  }
  const role = effectiveSpaceRole(actor.tenantRole, grantRoles);
  if (!role) return null;
  return { spaceId: space.id, spaceName: space.name, spaceStatus: space.status, role };
}

/** Ids and effective roles of every space the actor can see. */
export async function listAccessibleSpaces(
  db: Executor,
  actor: Actor,
): Promise<Map<string, TenantRole>> {
  const out = new Map<string, TenantRole>();
  if (actor.tenantRole === "owner") {
    const rows = await db
      .select({ id: spaces.id })
      .from(spaces)
      .where(eq(spaces.tenantId, actor.tenantId));
    for (const r of rows) out.set(r.id, "owner");
    return out;
  }
  const rows = await db
    .select({ spaceId: spaceGrants.spaceId, role: spaceGrants.role })
    .from(spaceGrants)
    .where(actorGrantCondition(db, actor));
  const bySpace = new Map<string, SpaceRole[]>();
  for (const r of rows) bySpace.set(r.spaceId, [...(bySpace.get(r.spaceId) ?? []), r.role]);
  for (const [spaceId, roles] of bySpace) {
    const role = effectiveSpaceRole(actor.tenantRole, roles);
    if (role) out.set(spaceId, role);
  }
  return out;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

