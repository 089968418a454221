import type { AuditVerb } from "../../lib/audit-verbs";
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { Environment, Risk, Stage } from "../../lib/domain/constants";
import { listAccessibleSpaces } from "../access";
import { escapeLike } from "./spaces";
import type { Executor } from "../client";
import { actions, apps, auditEvents, memberships, personas, runtimeTokens, spaces, users } from "../schema";

/** Read models for console pages. Every query is scoped to the actor's tenant and visible spaces. */

async function visibleSpaceIds(db: Executor, actor: Actor): Promise<string[]> {
  return [...(await listAccessibleSpaces(db, actor)).keys()];
}

export interface PendingActionRow {
  id: string;
  spaceId: string;
  personaId: string;
  capabilityKey: string | null;
  personaName: string;
  spaceName: string;
  appName: string;
  actionKey: string;
  risk: Risk | null;
  environment: Environment;
  requiredApprovals: number;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface PendingFilters {
  /** Only this space (it must be one the actor can see; otherwise nothing). */
  spaceId?: string;
  personaId?: string;
  appId?: string;
  environment?: Environment;
  capabilityKey?: string;
  risk?: Risk;
  /** Only actions proposed at least this long ago (ms). */
  olderThanMs?: number;
}

export interface PendingQuery extends PendingFilters {
  limit?: number;
}

/**
 * The queue's WHERE clause. tenant + space + status = 'pending' keep the partial queue indexes
 * (actions_pending_queue_*_idx) usable for the order; the other filters narrow the rows read off them.
 */
function pendingWhere(actor: Actor, ids: string[], q: PendingFilters, now = Date.now()) {
  return and(
    eq(actions.tenantId, actor.tenantId),
    inArray(actions.spaceId, ids),
    eq(actions.status, "pending"),
    q.personaId ? eq(actions.personaId, q.personaId) : undefined,
    q.appId ? eq(actions.appId, q.appId) : undefined,
    q.environment ? eq(actions.environment, q.environment) : undefined,
    q.capabilityKey ? eq(actions.capabilityKey, q.capabilityKey) : undefined,
    q.risk ? eq(actions.risk, q.risk) : undefined,
    q.olderThanMs !== undefined ? lte(actions.createdAt, new Date(now - q.olderThanMs)) : undefined,
  );
}

async function pendingScope(db: Executor, actor: Actor, q: PendingQuery): Promise<string[]> {
  const ids = await visibleSpaceIds(db, actor);
  return q.spaceId ? ids.filter((id) => id === q.spaceId) : ids;
}

/**
 * Pending actions in the actor's spaces (or one of them), highest risk first, then newest: the
 * page and /api/reviews/queue read this. Ordered in SQL, so the first page is the true top of
 * the queue however long it is.
 */
export async function listPendingActions(db: Executor, actor: Actor, q: PendingQuery = {}): Promise<PendingActionRow[]> {
  const ids = await pendingScope(db, actor, q);
  if (ids.length === 0) return [];
  return db
    .select({
      id: actions.id,
      spaceId: actions.spaceId,
      personaId: actions.personaId,
      capabilityKey: actions.capabilityKey,
      personaName: personas.name,
      spaceName: spaces.name,
      appName: apps.name,
      actionKey: actions.actionKey,
      risk: actions.risk,
      environment: actions.environment,
      requiredApprovals: actions.requiredApprovals,
      createdAt: actions.createdAt,
      expiresAt: actions.expiresAt,
    })
    .from(actions)
    .innerJoin(personas, and(eq(personas.id, actions.personaId), eq(personas.tenantId, actions.tenantId)))
    .innerJoin(spaces, and(eq(spaces.id, actions.spaceId), eq(spaces.tenantId, actions.tenantId)))
    .innerJoin(apps, and(eq(apps.id, actions.appId), eq(apps.tenantId, actions.tenantId)))
    .where(pendingWhere(actor, ids, q))
    // risk is an enum low < medium < high; the order matches actions_pending_queue_*_idx exactly
    .orderBy(sql`${actions.risk} desc nulls last`, sql`${actions.createdAt} desc nulls last`)
    .limit(q.limit ?? 200);
}

/** Counting stops here: past it the queue reads "10,000+" (an exact count of a huge queue costs a full scan). */
export const PENDING_COUNT_CAP = 10_000;

/**
 * How many actions wait for review in the actor's spaces (or one of them), counted up to
 * `cap`; `capped` says there are more.
 */
export async function countPendingActions(
  db: Executor,
  actor: Actor,
  q: PendingFilters & { cap?: number } = {},
): Promise<{ count: number; capped: boolean }> {
  const cap = q.cap ?? PENDING_COUNT_CAP;
  const ids = await pendingScope(db, actor, q);
  if (ids.length === 0) return { count: 0, capped: false };
  const inner = db
    .select({ one: sql`1` })
    .from(actions)
    .where(pendingWhere(actor, ids, q))
    .limit(cap + 1)
    .as("pending");
  const [row] = await db.select({ n: count() }).from(inner);
  const n = row?.n ?? 0;
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

export interface PendingFacets {
  spaces: [id: string, name: string][];
  personas: [id: string, name: string][];
  apps: [id: string, name: string][];
  environments: Environment[];
  capabilities: string[];
}

/**
 * What the queue's filters can choose from: the spaces, personas, apps, environments and
 * capabilities of the pending actions in scope (all of them, not only the first page).
 */
export async function listPendingFacets(db: Executor, actor: Actor, q: Pick<PendingFilters, "spaceId"> = {}): Promise<PendingFacets> {
  const ids = await pendingScope(db, actor, q);
  const empty: PendingFacets = { spaces: [], personas: [], apps: [], environments: [], capabilities: [] };
  if (ids.length === 0) return empty;
  const combos = await db
    .selectDistinct({
      spaceId: actions.spaceId,
      personaId: actions.personaId,
      appId: actions.appId,
      environment: actions.environment,
      capabilityKey: actions.capabilityKey,
    })
    .from(actions)
    .where(pendingWhere(actor, ids, {}))
    .limit(5000);
  if (combos.length === 0) return empty;
  const uniq = <T,>(xs: T[]) => [...new Set(xs)];
  const [sp, ps, ap] = await Promise.all([
    db.select({ id: spaces.id, name: spaces.name }).from(spaces).where(and(eq(spaces.tenantId, actor.tenantId), inArray(spaces.id, uniq(combos.map((c) => c.spaceId))))),
    db.select({ id: personas.id, name: personas.name }).from(personas).where(and(eq(personas.tenantId, actor.tenantId), inArray(personas.id, uniq(combos.map((c) => c.personaId))))),
    db.select({ id: apps.id, name: apps.name }).from(apps).where(and(eq(apps.tenantId, actor.tenantId), inArray(apps.id, uniq(combos.map((c) => c.appId))))),
  ]);
  const byName = (rows: { id: string; name: string }[]): [string, string][] =>
    rows.map((r): [string, string] => [r.id, r.name]).sort((a, b) => a[1].localeCompare(b[1]));
  return {
    spaces: byName(sp),
    personas: byName(ps),
    apps: byName(ap),
    environments: uniq(combos.map((c) => c.environment)).sort(),
    capabilities: uniq(combos.flatMap((c) => (c.capabilityKey ? [c.capabilityKey] : []))).sort(),
  };
}

export interface PersonaStageRow {
  id: string;
  name: string;
  spaceId: string;
  spaceName: string;
  stage: Stage;
  status: "active" | "paused";
  stageEnteredAt: Date;
}

export async function listPersonasWithStage(db: Executor, actor: Actor): Promise<PersonaStageRow[]> {
  const ids = await visibleSpaceIds(db, actor);
  if (ids.length === 0) return [];
  return db
    .select({
      id: personas.id,
      name: personas.name,
      spaceId: personas.spaceId,
      spaceName: spaces.name,
      stage: personas.stage,
      status: personas.status,
      stageEnteredAt: personas.stageEnteredAt,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.tenantId, actor.tenantId), inArray(personas.spaceId, ids), isNull(personas.archivedAt)))
    .orderBy(asc(spaces.name), asc(personas.name));
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  spaceId: string;
  spaceName: string;
  appName: string;
  environment: Environment;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "expired" | "revoked";
}

/** Runtime tokens of the actor's spaces: never the hash. */
export async function listTokens(db: Executor, actor: Actor): Promise<TokenRow[]> {
  const ids = await visibleSpaceIds(db, actor);
  if (ids.length === 0) return [];
  return db
    .select({
      id: runtimeTokens.id,
      name: runtimeTokens.name,
      prefix: runtimeTokens.prefix,
      spaceId: runtimeTokens.spaceId,
      spaceName: spaces.name,
      appName: apps.name,
      environment: runtimeTokens.environment,
      createdAt: runtimeTokens.createdAt,
      lastUsedAt: runtimeTokens.lastUsedAt,
      expiresAt: runtimeTokens.expiresAt,
      revokedAt: runtimeTokens.revokedAt,
      status: sql<TokenRow["status"]>`case when ${runtimeTokens.revokedAt} is not null then 'revoked'
        when ${runtimeTokens.expiresAt} <= now() then 'expired' else 'active' end`,
    })
    .from(runtimeTokens)
    .innerJoin(spaces, and(eq(spaces.id, runtimeTokens.spaceId), eq(spaces.tenantId, runtimeTokens.tenantId)))
    .innerJoin(apps, and(eq(apps.id, runtimeTokens.appId), eq(apps.tenantId, runtimeTokens.tenantId)))
    .where(and(eq(runtimeTokens.tenantId, actor.tenantId), inArray(runtimeTokens.spaceId, ids)))
    .orderBy(asc(spaces.name), asc(runtimeTokens.name));
}

export interface HomeSummary {
  spaces: number;
  personas: number;
  pausedPersonas: { id: string; name: string; spaceId: string; spaceName: string }[];
  pendingActions: number;
}

export async function getHomeSummary(db: Executor, actor: Actor): Promise<HomeSummary> {
  const ids = await visibleSpaceIds(db, actor);
  if (ids.length === 0) return { spaces: 0, personas: 0, pausedPersonas: [], pendingActions: 0 };
  const [personaRows, [pending]] = await Promise.all([
    listPersonasWithStage(db, actor),
    db
      .select({ n: count() })
      .from(actions)
      .where(and(eq(actions.tenantId, actor.tenantId), inArray(actions.spaceId, ids), eq(actions.status, "pending"))),
  ]);
  return {
    spaces: ids.length,
    personas: personaRows.length,
    pausedPersonas: personaRows
      .filter((p) => p.status === "paused")
      .map((p) => ({ id: p.id, name: p.name, spaceId: p.spaceId, spaceName: p.spaceName })),
    pendingActions: pending?.n ?? 0,
  };
}

export interface AuditRow {
  id: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorLabel: string;
  actorRole: string | null;
  verb: string;
  targetType: string;
  targetLabel: string | null;
  targetId: string | null;
  spaceId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  /** Part of the actor's label (email, token name, "system"), case-insensitive. */
  actor?: string;
  verb?: string;
  targetType?: string;
  spaceId?: string;
  from?: Date;
  to?: Date;
}

/**
 * The actor filter, resolved first to the people and runtime tokens whose email, name or
 * token name contains the text, so each is found through its (tenant, actor, seq) index
 * instead of a substring scan of every label; events with no person or token behind them
 * (the system, the seed) still match on their label, through a small partial index.
 */
async function actorCondition(db: Executor, tenantId: string, text: string) {
  const pattern = `%${escapeLike(text)}%`;
  const [people, tokens] = await Promise.all([
    db
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenantId)))
      .where(or(ilike(users.email, pattern), ilike(users.name, pattern))),
    db
      .select({ id: runtimeTokens.id })
      .from(runtimeTokens)
      .where(and(eq(runtimeTokens.tenantId, tenantId), ilike(runtimeTokens.name, pattern))),
  ]);
  return or(
    people.length ? inArray(auditEvents.actorUserId, people.map((p) => p.id)) : undefined,
    tokens.length ? inArray(auditEvents.actorTokenId, tokens.map((t) => t.id)) : undefined,
    and(isNull(auditEvents.actorUserId), isNull(auditEvents.actorTokenId), ilike(auditEvents.actorLabel, pattern)),
  );
}

/**
 * The tenant's audit events, newest first, keyset-paginated on seq (page N costs
 * what page 1 costs, at 1M events too). Events of spaces the actor cannot see are
 * left out (owners see all); without `withDetails` the before/after values are
 * not read at all and no person's email leaves db/.
 */
export async function listAuditEvents(
  db: Executor,
  actor: Actor,
  opts: { beforeSeq?: number; limit?: number; withDetails: boolean; filters?: AuditFilters },
): Promise<{ rows: AuditRow[]; nextBeforeSeq: number | null }> {
  const limit = opts.limit ?? 50;
  const ids = actor.tenantRole === "owner" ? null : await visibleSpaceIds(db, actor);
  const f = opts.filters ?? {};
  const actorMatch = f.actor && opts.withDetails ? await actorCondition(db, actor.tenantId, f.actor) : undefined;
  const rows = await db
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorKind: auditEvents.actorKind,
      actorLabel: auditEvents.actorLabel,
      actorRole: auditEvents.actorRole,
      verb: auditEvents.verb,
      targetType: auditEvents.targetType,
      targetLabel: auditEvents.targetLabel,
      targetId: auditEvents.targetId,
      spaceId: auditEvents.spaceId,
      ...(opts.withDetails ? { before: auditEvents.before, after: auditEvents.after } : {}),
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, actor.tenantId),
        opts.beforeSeq ? lt(auditEvents.seq, opts.beforeSeq) : undefined,
        ids === null
          ? undefined
          : ids.length
            ? or(isNull(auditEvents.spaceId), inArray(auditEvents.spaceId, ids))
            : isNull(auditEvents.spaceId),
        // Viewers cannot search by a person's email: the actor filter needs details.
        actorMatch,
        // Compared as the enum (not ::text) so the (tenant, verb, seq) index serves it.
        f.verb ? eq(auditEvents.verb, f.verb as AuditVerb) : undefined,
        f.targetType ? eq(auditEvents.targetType, f.targetType) : undefined,
        f.spaceId ? eq(auditEvents.spaceId, f.spaceId) : undefined,
        f.from ? gte(auditEvents.at, f.from) : undefined,
        f.to ? lt(auditEvents.at, f.to) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const page: AuditRow[] = rows.slice(0, limit).map((r) => {
    const row = { ...r, before: "before" in r ? r.before : null, after: "after" in r ? r.after : null };
    if (opts.withDetails) return row;
    return {
      ...row,
      actorLabel: row.actorKind === "user" ? "A member" : row.actorLabel,
      targetLabel: row.targetLabel ? maskEmails(row.targetLabel) : row.targetLabel,
    };
  });
  return { rows: page, nextBeforeSeq: rows.length > limit ? page[page.length - 1]!.seq : null };
}

/** Every matching event, newest first, a page at a time: for streamed exports. */
export async function* iterateAuditEvents(
  db: Executor,
  actor: Actor,
  opts: { withDetails: boolean; filters?: AuditFilters; pageSize?: number },
): AsyncGenerator<AuditRow> {
  let beforeSeq: number | undefined;
  for (;;) {
    const { rows, nextBeforeSeq } = await listAuditEvents(db, actor, { ...opts, beforeSeq, limit: opts.pageSize ?? 1000 });
    yield* rows;
    if (!nextBeforeSeq) return;
    beforeSeq = nextBeforeSeq;
  }
}

const EMAIL = /[^\s@]+@[^\s@]+/g;
/** Replace anything that looks like an email address. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, "a member");
}
