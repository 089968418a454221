import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../../lib/actor";
import type { Environment, Policy, Stage, TenantRole } from "../../lib/domain/constants";
import { listAccessibleSpaces } from "../access";
import type { Executor } from "../client";
import {
  actions,
  apps,
  capabilityGrants,
  connections,
  memberships,
  personaApps,
  personas,
  spaceGrants,
  spaces,
  teams,
  users,
} from "../schema";

export interface SpaceListItem {
  id: string;
  name: string;
  description: string;
  status: "active" | "paused" | "archived";
  environments: ("sandbox" | "staging" | "production")[];
  role: TenantRole;
  personas: { id: string; name: string; stage: string; status: "active" | "paused" }[];
  apps: { id: string; name: string; kind: string }[];
  pendingActions: number;
}

/** The spaces the actor can see (owners: all of the tenant), with their parts at a glance. */
export async function listSpaces(
  db: Executor,
  actor: Actor,
  opts: { q?: string; includeArchived?: boolean } = {},
): Promise<SpaceListItem[]> {
  const access = await listAccessibleSpaces(db, actor);
  if (access.size === 0) return [];
  const ids = [...access.keys()];
  const q = opts.q?.trim();
  const rows = await db
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      status: spaces.status,
      environments: spaces.environments,
    })
    .from(spaces)
    .where(
      and(
        eq(spaces.tenantId, actor.tenantId),
        inArray(spaces.id, ids),
        opts.includeArchived ? undefined : isNull(spaces.archivedAt),
        q
          ? or(
              ilike(spaces.name, `%${escapeLike(q)}%`),
              ilike(spaces.description, `%${escapeLike(q)}%`),
              inArray(
                spaces.id,
                db
                  .select({ id: personas.spaceId })
                  .from(personas)
                  .where(and(eq(personas.tenantId, actor.tenantId), ilike(personas.name, `%${escapeLike(q)}%`))),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(spaces.name));
  if (rows.length === 0) return [];
  const spaceIds = rows.map((r) => r.id);
  const [personaRows, appRows, pendingRows] = await Promise.all([
    db
      .select({ id: personas.id, spaceId: personas.spaceId, name: personas.name, stage: personas.stage, status: personas.status })
      .from(personas)
      .where(and(eq(personas.tenantId, actor.tenantId), inArray(personas.spaceId, spaceIds), isNull(personas.archivedAt)))
      .orderBy(asc(personas.name)),
    db
      .select({ id: apps.id, spaceId: apps.spaceId, name: apps.name, kind: apps.kind })
      .from(apps)
      .where(and(eq(apps.tenantId, actor.tenantId), inArray(apps.spaceId, spaceIds), isNull(apps.archivedAt)))
      .orderBy(asc(apps.name)),
    db
      .select({ spaceId: actions.spaceId, n: count() })
      .from(actions)
      .where(and(eq(actions.tenantId, actor.tenantId), inArray(actions.spaceId, spaceIds), eq(actions.status, "pending")))
      .groupBy(actions.spaceId),
  ]);
  return rows.map((r) => ({
    ...r,
    role: access.get(r.id)!,
    personas: personaRows.filter((p) => p.spaceId === r.id).map(({ spaceId: _s, ...p }) => p),
    apps: appRows.filter((a) => a.spaceId === r.id).map(({ spaceId: _s, ...a }) => a),
    pendingActions: pendingRows.find((p) => p.spaceId === r.id)?.n ?? 0,
  }));
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface SpaceOverview {
  id: string;
  name: string;
  description: string;
  status: "active" | "paused" | "archived";
  environments: ("sandbox" | "staging" | "production")[];
  runtimeHosting: "vendor" | "customer";
  runtimeOwner: { kind: "member" | "team"; name: string } | null;
  reviewTtlSeconds: number;
  createdAt: Date;
  personas: {
    id: string;
    name: string;
    purpose: string;
    stage: string;
    status: "active" | "paused";
    apps: string[];
  }[];
  apps: { id: string; name: string; kind: string; description: string }[];
  connections: {
    id: string;
    type: string;
    name: string;
    environment: string;
    credentialsSet: boolean;
    credentialsUpdatedAt: Date | null;
  }[];
  enabledCapabilities: { capabilityKey: string; environment: string; personaCount: number }[];
  /** Enabled grants with their policies and the persona's stage (for "which actions are allowed"). */
  enabledGrants: { personaStage: Stage; capabilityKey: string; environment: Environment; policies: Record<string, Policy> }[];
  boundsOverride: Record<string, unknown> | null;
  access: { kind: "member" | "team"; name: string; role: string }[];
  pendingActions: number;
}

/**
 * One space, scoped to the actor's tenant. The caller has already checked the
 * actor's access (getSpaceAccess); every child query also filters on tenant and space.
 */
export async function getSpaceOverview(
  db: Executor,
  actor: Actor,
  spaceId: string,
): Promise<SpaceOverview | null> {
  const [space] = await db
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      status: spaces.status,
      environments: spaces.environments,
      runtimeHosting: spaces.runtimeHosting,
      reviewTtlSeconds: spaces.reviewTtlSeconds,
      createdAt: spaces.createdAt,
      boundsOverride: spaces.boundsOverride,
      ownerMemberName: users.name,
      ownerTeamName: teams.name,
    })
    .from(spaces)
    .leftJoin(
      memberships,
      and(eq(memberships.id, spaces.runtimeOwnerMembershipId), eq(memberships.tenantId, spaces.tenantId)),
    )
    .leftJoin(users, eq(users.id, memberships.userId))
    .leftJoin(teams, and(eq(teams.id, spaces.runtimeOwnerTeamId), eq(teams.tenantId, spaces.tenantId)))
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) return null;
  const scope = (t: { tenantId: AnyPgColumn; spaceId: AnyPgColumn }) =>
    and(eq(t.tenantId, actor.tenantId), eq(t.spaceId, spaceId));

  const [personaRows, exposure, appRows, connRows, grantRows, grantees, pending, enabledGrants] = await Promise.all([
    db
      .select({ id: personas.id, name: personas.name, purpose: personas.purpose, stage: personas.stage, status: personas.status })
      .from(personas)
      .where(and(eq(personas.tenantId, actor.tenantId), eq(personas.spaceId, spaceId), isNull(personas.archivedAt)))
      .orderBy(asc(personas.name)),
    db
      .select({ personaId: personaApps.personaId, appName: apps.name })
      .from(personaApps)
      .innerJoin(apps, and(eq(apps.id, personaApps.appId), eq(apps.tenantId, personaApps.tenantId)))
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.spaceId, spaceId))),
    db
      .select({ id: apps.id, name: apps.name, kind: apps.kind, description: apps.description })
      .from(apps)
      .where(and(eq(apps.tenantId, actor.tenantId), eq(apps.spaceId, spaceId), isNull(apps.archivedAt)))
      .orderBy(asc(apps.name)),
    db
      .select({
        id: connections.id,
        type: connections.type,
        name: connections.name,
        environment: connections.environment,
        credentialsSet: sql<boolean>`${connections.credentialsCiphertext} is not null`,
        credentialsUpdatedAt: connections.credentialsUpdatedAt,
      })
      .from(connections)
      .where(scope(connections))
      .orderBy(asc(connections.type), asc(connections.environment)),
    db
      .select({
        capabilityKey: capabilityGrants.capabilityKey,
        environment: capabilityGrants.environment,
        personaCount: count(),
      })
      .from(capabilityGrants)
      .where(and(scope(capabilityGrants), eq(capabilityGrants.enabled, true)))
      .groupBy(capabilityGrants.capabilityKey, capabilityGrants.environment)
      .orderBy(asc(capabilityGrants.capabilityKey), asc(capabilityGrants.environment)),
    db
      .select({ role: spaceGrants.role, memberName: users.name, memberEmail: users.email, teamName: teams.name })
      .from(spaceGrants)
      .leftJoin(memberships, and(eq(memberships.id, spaceGrants.membershipId), eq(memberships.tenantId, spaceGrants.tenantId)))
      .leftJoin(users, eq(users.id, memberships.userId))
      .leftJoin(teams, and(eq(teams.id, spaceGrants.teamId), eq(teams.tenantId, spaceGrants.tenantId)))
      .where(scope(spaceGrants)),
    db
      .select({ n: count() })
      .from(actions)
      .where(and(scope(actions), eq(actions.status, "pending"))),
    db
      .select({
        personaStage: personas.stage,
        capabilityKey: capabilityGrants.capabilityKey,
        environment: capabilityGrants.environment,
        policies: capabilityGrants.policies,
      })
      .from(capabilityGrants)
      .innerJoin(
        personas,
        and(eq(personas.id, capabilityGrants.personaId), eq(personas.tenantId, capabilityGrants.tenantId), isNull(personas.archivedAt)),
      )
      .where(and(scope(capabilityGrants), eq(capabilityGrants.enabled, true))),
  ]);

  return {
    id: space.id,
    name: space.name,
    description: space.description,
    status: space.status,
    environments: space.environments,
    runtimeHosting: space.runtimeHosting,
    reviewTtlSeconds: space.reviewTtlSeconds,
    createdAt: space.createdAt,
    runtimeOwner: space.ownerTeamName
      ? { kind: "team", name: space.ownerTeamName }
      : space.ownerMemberName
        ? { kind: "member", name: space.ownerMemberName }
        : null,
    personas: personaRows.map((p) => ({
      ...p,
      apps: exposure.filter((e) => e.personaId === p.id).map((e) => e.appName).sort(),
    })),
    apps: appRows,
    connections: connRows,
    enabledCapabilities: grantRows,
    access: grantees
      .map((g) => ({
        kind: (g.teamName ? "team" : "member") as "team" | "member",
        name: g.teamName ?? g.memberName ?? "—",
        role: g.role,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    pendingActions: pending[0]?.n ?? 0,
    enabledGrants,
    boundsOverride: space.boundsOverride ?? null,
  };
}

/**
 * Pending actions in the spaces the actor can see (the Reviews badge), counted up to 100: the
 * badge reads "99+" beyond that, and this runs on every console page, so it never scans a huge
 * queue to the end.
 */
export async function countPendingReviews(db: Executor, actor: Actor): Promise<number> {
  const access = await listAccessibleSpaces(db, actor);
  if (access.size === 0) return 0;
  const pending = db
    .select({ one: sql`1` })
    .from(actions)
    .where(
      and(eq(actions.tenantId, actor.tenantId), inArray(actions.spaceId, [...access.keys()]), eq(actions.status, "pending")),
    )
    .limit(100)
    .as("pending");
  const [row] = await db.select({ n: count() }).from(pending);
  return row?.n ?? 0;
}
