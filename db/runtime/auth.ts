import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Environment, PersonaStatus, Policy, Stage } from "../../lib/domain/constants";
import type { SpaceBoundsOverride } from "../../lib/domain/stages";
import type { Db, Executor } from "../client";
import { apps, capabilityGrants, personaApps, personas, runtimeTokens, spaces, tenants } from "../schema";

/** What the gateway knows about the token of a request (read on every request: no cache). */
export interface RuntimeTokenContext {
  tokenId: string;
  tokenName: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  graceEndsAt: Date | null;
  tenantId: string;
  tenantName: string;
  spaceId: string;
  spaceName: string;
  spaceEnvironments: Environment[];
  spaceArchived: boolean;
  boundsOverride: SpaceBoundsOverride | null;
  reviewTtlSeconds: number;
  appId: string;
  appName: string;
  appArchived: boolean;
  environment: Environment;
}

function tokenQuery(db: Executor) {
  return db
    .select({
      tokenId: runtimeTokens.id,
      tokenName: runtimeTokens.name,
      expiresAt: runtimeTokens.expiresAt,
      revokedAt: runtimeTokens.revokedAt,
      graceEndsAt: runtimeTokens.graceEndsAt,
      tenantId: runtimeTokens.tenantId,
      tenantName: tenants.name,
      spaceId: runtimeTokens.spaceId,
      spaceName: spaces.name,
      spaceEnvironments: spaces.environments,
      spaceArchivedAt: spaces.archivedAt,
      spaceStatus: spaces.status,
      boundsOverride: spaces.boundsOverride,
      reviewTtlSeconds: spaces.reviewTtlSeconds,
      appId: runtimeTokens.appId,
      appName: apps.name,
      appArchivedAt: apps.archivedAt,
      environment: runtimeTokens.environment,
    })
    .from(runtimeTokens)
    .innerJoin(apps, and(eq(apps.id, runtimeTokens.appId), eq(apps.tenantId, runtimeTokens.tenantId)))
    .innerJoin(spaces, and(eq(spaces.id, runtimeTokens.spaceId), eq(spaces.tenantId, runtimeTokens.tenantId)))
    .innerJoin(tenants, eq(tenants.id, runtimeTokens.tenantId))
    .where(eq(runtimeTokens.tokenHash, sql.placeholder("hash")))
    .limit(1)
    .prepare("runtime_token_by_hash");
}

/** The hot-path lookup, prepared once per database handle (no SQL building per request). */
const prepared = new WeakMap<object, ReturnType<typeof tokenQuery>>();

/** The token with this hash, with its tenant, space and app; null when unknown. */
export async function findRuntimeToken(db: Executor, tokenHash: string): Promise<RuntimeTokenContext | null> {
  let q = prepared.get(db);
  if (!q) {
    q = tokenQuery(db);
    prepared.set(db, q);
  }
  const [row] = await q.execute({ hash: tokenHash });
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    tokenName: row.tokenName,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    graceEndsAt: row.graceEndsAt,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    spaceId: row.spaceId,
    spaceName: row.spaceName,
    spaceEnvironments: row.spaceEnvironments,
    spaceArchived: row.spaceArchivedAt !== null || row.spaceStatus === "archived",
    boundsOverride: (row.boundsOverride as SpaceBoundsOverride | null) ?? null,
    reviewTtlSeconds: row.reviewTtlSeconds,
    appId: row.appId,
    appName: row.appName,
    appArchived: row.appArchivedAt !== null,
    environment: row.environment,
  };
}

/** Flush in-memory "last used" times: one statement for many tokens, never per request. */
export async function touchRuntimeTokens(db: Db, used: ReadonlyMap<string, Date>): Promise<void> {
  for (const [tokenId, at] of used) {
    await db
      .update(runtimeTokens)
      .set({ lastUsedAt: at })
      .where(
        and(
          eq(runtimeTokens.id, tokenId),
          or(isNull(runtimeTokens.lastUsedAt), lt(runtimeTokens.lastUsedAt, at)),
        ),
      );
  }
}

export interface RuntimePersona {
  id: string;
  name: string;
  status: PersonaStatus;
  stage: Stage;
}

export interface RuntimeGrant {
  capabilityKey: string;
  enabled: boolean;
  policies: Record<string, Policy>;
}

function personaQuery(db: Executor) {
  return db
    .select({ id: personas.id, name: personas.name, status: personas.status, stage: personas.stage })
    .from(personas)
    .innerJoin(personaApps, and(eq(personaApps.personaId, personas.id), eq(personaApps.appId, sql.placeholder("appId"))))
    .where(
      and(
        eq(personas.id, sql.placeholder("personaId")),
        eq(personas.tenantId, sql.placeholder("tenantId")),
        eq(personas.spaceId, sql.placeholder("spaceId")),
        isNull(personas.archivedAt),
      ),
    )
    .limit(1)
    .prepare("runtime_visible_persona");
}
const preparedPersona = new WeakMap<object, ReturnType<typeof personaQuery>>();

/**
 * The persona if it is in the token's tenant and space, not archived, and exposed
 * through the token's app; null otherwise (the gateway answers 404 either way).
 */
export async function findVisiblePersona(
  db: Executor,
  token: Pick<RuntimeTokenContext, "tenantId" | "spaceId" | "appId">,
  personaId: string,
): Promise<RuntimePersona | null> {
  if (!isUuid(personaId)) return null;
  let q = preparedPersona.get(db);
  if (!q) {
    q = personaQuery(db);
    preparedPersona.set(db, q);
  }
  const [row] = await q.execute({ personaId, tenantId: token.tenantId, spaceId: token.spaceId, appId: token.appId });
  return row ?? null;
}

/** Visible personas among `ids` (same rules as {@link findVisiblePersona}). */
export async function findVisiblePersonas(
  db: Executor,
  token: Pick<RuntimeTokenContext, "tenantId" | "spaceId" | "appId">,
  ids: readonly string[],
): Promise<RuntimePersona[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ id: personas.id, name: personas.name, status: personas.status, stage: personas.stage })
    .from(personas)
    .innerJoin(personaApps, and(eq(personaApps.personaId, personas.id), eq(personaApps.appId, token.appId)))
    .where(
      and(
        inArray(personas.id, valid),
        eq(personas.tenantId, token.tenantId),
        eq(personas.spaceId, token.spaceId),
        isNull(personas.archivedAt),
      ),
    );
}

function grantsQuery(db: Executor) {
  return db
    .select({
      capabilityKey: capabilityGrants.capabilityKey,
      enabled: capabilityGrants.enabled,
      policies: capabilityGrants.policies,
    })
    .from(capabilityGrants)
    .where(
      and(
        eq(capabilityGrants.tenantId, sql.placeholder("tenantId")),
        eq(capabilityGrants.personaId, sql.placeholder("personaId")),
        eq(capabilityGrants.environment, sql.placeholder("environment")),
      ),
    )
    .prepare("runtime_persona_grants");
}
const preparedGrants = new WeakMap<object, ReturnType<typeof grantsQuery>>();

/** The persona's capability grants in one environment. */
export async function listPersonaGrants(
  db: Executor,
  tenantId: string,
  personaId: string,
  environment: Environment,
): Promise<RuntimeGrant[]> {
  let q = preparedGrants.get(db);
  if (!q) {
    q = grantsQuery(db);
    preparedGrants.set(db, q);
  }
  return q.execute({ tenantId, personaId, environment });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
