import { and, desc, eq, isNull } from "drizzle-orm";
import type { Environment } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { apps, memberships, runtimeInstances, runtimeTokens, spaces, users } from "../schema";

export type SpaceTokenStatus = "active" | "rotating" | "revoked" | "expired" | "replaced";

export interface SpaceTokenRow {
  id: string;
  name: string;
  prefix: string;
  appName: string;
  environment: Environment;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  graceEndsAt: Date | null;
  status: SpaceTokenStatus;
}

/** A space's runtime tokens (never the hash), newest first. The caller checked access to the space. */
export async function listSpaceTokens(db: Executor, tenantId: string, spaceId: string, now = new Date()): Promise<SpaceTokenRow[]> {
  const rows = await db
    .select({
      id: runtimeTokens.id,
      name: runtimeTokens.name,
      prefix: runtimeTokens.prefix,
      appName: apps.name,
      environment: runtimeTokens.environment,
      createdBy: users.name,
      createdAt: runtimeTokens.createdAt,
      lastUsedAt: runtimeTokens.lastUsedAt,
      expiresAt: runtimeTokens.expiresAt,
      revokedAt: runtimeTokens.revokedAt,
      graceEndsAt: runtimeTokens.graceEndsAt,
    })
    .from(runtimeTokens)
    .innerJoin(apps, and(eq(apps.id, runtimeTokens.appId), eq(apps.tenantId, runtimeTokens.tenantId)))
    .leftJoin(
      memberships,
      and(eq(memberships.id, runtimeTokens.createdByMembershipId), eq(memberships.tenantId, runtimeTokens.tenantId)),
    )
    .leftJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(runtimeTokens.tenantId, tenantId), eq(runtimeTokens.spaceId, spaceId)))
    .orderBy(desc(runtimeTokens.createdAt))
    .limit(500);
  return rows.map(({ revokedAt, ...r }) => ({
    ...r,
    status: revokedAt
      ? "revoked"
      : r.expiresAt && r.expiresAt <= now
        ? "expired"
        : r.graceEndsAt
          ? r.graceEndsAt <= now
            ? "replaced"
            : "rotating"
          : "active",
  }));
}

/** What the create form offers: the space's live apps and allowed environments. */
export async function getTokenFormOptions(
  db: Executor,
  tenantId: string,
  spaceId: string,
): Promise<{ apps: { id: string; name: string }[]; environments: Environment[] }> {
  const [space] = await db
    .select({ environments: spaces.environments })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, tenantId)));
  const list = await db
    .select({ id: apps.id, name: apps.name })
    .from(apps)
    .where(and(eq(apps.tenantId, tenantId), eq(apps.spaceId, spaceId), isNull(apps.archivedAt)))
    .orderBy(apps.name);
  return { apps: list, environments: space?.environments ?? [] };
}

export interface RuntimeInstanceRow {
  id: string;
  instanceId: string;
  version: string;
  appName: string;
  environment: Environment;
  personaCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Runtime instances that sent heartbeats for this space's apps, most recently seen first. */
export async function listRuntimeInstances(db: Executor, tenantId: string, spaceId: string): Promise<RuntimeInstanceRow[]> {
  const rows = await db
    .select({
      id: runtimeInstances.id,
      instanceId: runtimeInstances.instanceId,
      version: runtimeInstances.version,
      appName: apps.name,
      environment: runtimeInstances.environment,
      personaIds: runtimeInstances.personaIds,
      firstSeenAt: runtimeInstances.firstSeenAt,
      lastSeenAt: runtimeInstances.lastSeenAt,
    })
    .from(runtimeInstances)
    .innerJoin(apps, and(eq(apps.id, runtimeInstances.appId), eq(apps.tenantId, runtimeInstances.tenantId)))
    .where(and(eq(runtimeInstances.tenantId, tenantId), eq(runtimeInstances.spaceId, spaceId)))
    .orderBy(desc(runtimeInstances.lastSeenAt))
    .limit(100);
  return rows.map(({ personaIds, ...r }) => ({ ...r, personaCount: personaIds.length }));
}
