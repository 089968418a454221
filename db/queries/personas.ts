import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { Environment, PersonaStatus, Policy, Stage } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { actions, apps, capabilityGrants, incidents, memberships, personaApps, personas, spaces, teams, users } from "../schema";

export interface PersonaDetail {
  id: string;
  spaceId: string;
  spaceName: string;
  spaceEnvironments: Environment[];
  spaceBoundsOverride: Record<string, unknown> | null;
  name: string;
  purpose: string;
  status: PersonaStatus;
  stage: Stage;
  stageEnteredAt: Date;
  pausedAt: Date | null;
  createdAt: Date;
  owner: { membershipId: string; name: string } | null;
  apps: { id: string; name: string; kind: string }[];
  openIncident: { id: string; reason: string; openedAt: Date; openedBy: string | null } | null;
  pendingActions: number;
  grants: { capabilityKey: string; environment: Environment; enabled: boolean; policies: Record<string, Policy> }[];
}

/**
 * One persona of one space in the actor's tenant (the caller checked space access).
 * Children are filtered on tenant, space and persona.
 */
export async function getPersonaDetail(
  db: Executor,
  actor: Actor,
  spaceId: string,
  personaId: string,
): Promise<PersonaDetail | null> {
  const [p] = await db
    .select({
      id: personas.id,
      spaceId: personas.spaceId,
      spaceName: spaces.name,
      spaceEnvironments: spaces.environments,
      spaceBoundsOverride: spaces.boundsOverride,
      name: personas.name,
      purpose: personas.purpose,
      status: personas.status,
      stage: personas.stage,
      stageEnteredAt: personas.stageEnteredAt,
      pausedAt: personas.pausedAt,
      createdAt: personas.createdAt,
      ownerMembershipId: personas.ownerMembershipId,
      ownerName: users.name,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .leftJoin(
      memberships,
      and(eq(memberships.id, personas.ownerMembershipId), eq(memberships.tenantId, personas.tenantId)),
    )
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(personas.id, personaId),
        eq(personas.spaceId, spaceId),
        eq(personas.tenantId, actor.tenantId),
        isNull(personas.archivedAt),
      ),
    );
  if (!p) return null;
  const [appRows, incidentRows, pendingRows, grantRows] = await Promise.all([
    db
      .select({ id: apps.id, name: apps.name, kind: apps.kind })
      .from(personaApps)
      .innerJoin(apps, and(eq(apps.id, personaApps.appId), eq(apps.tenantId, personaApps.tenantId)))
      .where(
        and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.spaceId, spaceId), eq(personaApps.personaId, personaId)),
      )
      .orderBy(asc(apps.name)),
    db
      .select({ id: incidents.id, reason: incidents.reason, openedAt: incidents.openedAt, openedBy: users.name })
      .from(incidents)
      .leftJoin(
        memberships,
        and(eq(memberships.id, incidents.openedByMembershipId), eq(memberships.tenantId, incidents.tenantId)),
      )
      .leftJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(incidents.tenantId, actor.tenantId),
          eq(incidents.spaceId, spaceId),
          eq(incidents.personaId, personaId),
          eq(incidents.status, "open"),
        ),
      )
      .orderBy(desc(incidents.openedAt))
      .limit(1),
    db
      .select({ n: count() })
      .from(actions)
      .where(
        and(
          eq(actions.tenantId, actor.tenantId),
          eq(actions.spaceId, spaceId),
          eq(actions.personaId, personaId),
          eq(actions.status, "pending"),
        ),
      ),
    db
      .select({
        capabilityKey: capabilityGrants.capabilityKey,
        environment: capabilityGrants.environment,
        enabled: capabilityGrants.enabled,
        policies: capabilityGrants.policies,
      })
      .from(capabilityGrants)
      .where(
        and(
          eq(capabilityGrants.tenantId, actor.tenantId),
          eq(capabilityGrants.spaceId, spaceId),
          eq(capabilityGrants.personaId, personaId),
        ),
      )
      .orderBy(asc(capabilityGrants.capabilityKey), asc(capabilityGrants.environment)),
  ]);
  return {
    id: p.id,
    spaceId: p.spaceId,
    spaceName: p.spaceName,
    spaceEnvironments: p.spaceEnvironments,
    spaceBoundsOverride: p.spaceBoundsOverride ?? null,
    name: p.name,
    purpose: p.purpose,
    status: p.status,
    stage: p.stage,
    stageEnteredAt: p.stageEnteredAt,
    pausedAt: p.pausedAt,
    createdAt: p.createdAt,
    owner: p.ownerMembershipId ? { membershipId: p.ownerMembershipId, name: p.ownerName ?? "Former member" } : null,
    apps: appRows,
    openIncident: incidentRows[0] ?? null,
    pendingActions: pendingRows[0]?.n ?? 0,
    grants: grantRows,
  };
}

/** Members of the actor's tenant, for the persona owner picker (names only). */
export async function listTenantMemberOptions(db: Executor, actor: Actor): Promise<{ membershipId: string; name: string }[]> {
  return db
    .select({ membershipId: memberships.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, actor.tenantId))
    .orderBy(asc(users.name));
}

/** Unarchived apps of a space, for the exposure picker. */
export async function listSpaceAppOptions(
  db: Executor,
  actor: Actor,
  spaceId: string,
): Promise<{ id: string; name: string; kind: string }[]> {
  return db
    .select({ id: apps.id, name: apps.name, kind: apps.kind })
    .from(apps)
    .where(and(eq(apps.tenantId, actor.tenantId), eq(apps.spaceId, spaceId), isNull(apps.archivedAt)))
    .orderBy(asc(apps.name));
}

/** Unarchived personas of a space, for the app exposure picker. */
export async function listSpacePersonaOptions(
  db: Executor,
  actor: Actor,
  spaceId: string,
): Promise<{ id: string; name: string; stage: Stage }[]> {
  return db
    .select({ id: personas.id, name: personas.name, stage: personas.stage })
    .from(personas)
    .where(and(eq(personas.tenantId, actor.tenantId), eq(personas.spaceId, spaceId), isNull(personas.archivedAt)))
    .orderBy(asc(personas.name));
}

/** One unarchived app of a space with the personas it exposes. */
export async function getAppDetail(
  db: Executor,
  actor: Actor,
  spaceId: string,
  appId: string,
): Promise<{ id: string; name: string; kind: string; description: string; personaIds: string[] } | null> {
  const [app] = await db
    .select({ id: apps.id, name: apps.name, kind: apps.kind, description: apps.description })
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.spaceId, spaceId), eq(apps.tenantId, actor.tenantId), isNull(apps.archivedAt)));
  if (!app) return null;
  const exposed = await db
    .select({ personaId: personaApps.personaId })
    .from(personaApps)
    .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.spaceId, spaceId), eq(personaApps.appId, appId)));
  return { ...app, personaIds: exposed.map((e) => e.personaId) };
}

/** Teams of the actor's tenant, for the runtime owner picker. */
export async function listTenantTeamOptions(db: Executor, actor: Actor): Promise<{ id: string; name: string }[]> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.tenantId, actor.tenantId)).orderBy(asc(teams.name));
}

/** The editable settings of a space (no child rows). */
export async function getSpaceSettings(db: Executor, actor: Actor, spaceId: string) {
  const [row] = await db
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      environments: spaces.environments,
      runtimeOwnerMembershipId: spaces.runtimeOwnerMembershipId,
      runtimeOwnerTeamId: spaces.runtimeOwnerTeamId,
      runtimeHosting: spaces.runtimeHosting,
      archivedAt: spaces.archivedAt,
    })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  return row ?? null;
}
