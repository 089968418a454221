import { and, asc, count, eq, gt, inArray, isNull, lte, max, min, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { Environment, Stage, TenantRole } from "../../lib/domain/constants";
import { evaluateGate, type GateEvidence } from "../../lib/domain/gate";
import { can, type Permission } from "../../lib/domain/permissions";
import { nextStage } from "../../lib/domain/stages";
import { listAccessibleSpaces } from "../access";
import type { Executor } from "../client";
import { gateThresholdsFor } from "../mutations/stages";
import { actions, apps, incidents, personas, runtimeInstances, runtimeTokens, spaces, stageChanges } from "../schema";

/**
 * "What needs attention now" for the home page: each list is scoped to the
 * actor's tenant and to the spaces where the actor's effective role can act on
 * it (reviews for those who decide, gates for those who request or sign off,
 * runtimes and tokens for those who manage). No person's email is read.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The windows the checks use; exported so the page can say what it checked. */
export const ATTENTION_WINDOWS = {
  /** A pending review expiring within this time is "about to expire". */
  expiringReviewMs: HOUR,
  /** A gate that passed this long ago but fails now is "newly failing". */
  gateLookbackMs: 7 * DAY,
  /** A runtime silent for this long, after being active, "went quiet"… */
  quietAfterMs: DAY,
  /** …unless it has been silent longer than this (then it is retired, not quiet). */
  quietForgetAfterMs: 30 * DAY,
  /** A token expiring within this time is listed. */
  tokenExpiryMs: 7 * DAY,
  /** A token unused for this long is listed. */
  tokenUnusedMs: 30 * DAY,
} as const;

export type AttentionCheck = "reviews" | "paused" | "gates" | "runtimes" | "tokens";

/** Which checks apply to a role in at least one space. */
const CHECK_PERMISSION: Record<AttentionCheck, Permission[]> = {
  reviews: ["actions:decide"],
  paused: ["spaces:read"],
  gates: ["stages:request", "stages:signoff"],
  runtimes: ["spaces:manage"],
  tokens: ["spaces:manage"],
};

export interface ExpiringReview {
  id: string;
  actionKey: string;
  personaName: string;
  spaceName: string;
  expiresAt: Date;
}

export interface PausedPersonaItem {
  id: string;
  name: string;
  spaceId: string;
  spaceName: string;
  pausedAt: Date | null;
  /** The open incident, if any (its reason only for roles that read details). */
  incident: { openedAt: Date; reason: string | null } | null;
}

export interface GateItem {
  personaId: string;
  personaName: string;
  spaceName: string;
  stage: Stage;
  to: Stage;
  /** ready: passes, nobody asked yet · signoff: an advance waits for an owner · failing: passed 7 days ago, fails now. */
  kind: "ready" | "signoff" | "failing";
  /** For "failing": what fails now. */
  failing: string[];
}

export interface QuietRuntime {
  appId: string;
  appName: string;
  spaceId: string;
  spaceName: string;
  environment: Environment;
  lastSeenAt: Date;
  instances: string[];
}

export interface TokenItem {
  id: string;
  name: string;
  spaceId: string;
  spaceName: string;
  appName: string;
  environment: Environment;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  reason: "expiring" | "unused";
}

export interface Attention {
  /** The checks that ran for this person (the empty state names them). */
  checked: AttentionCheck[];
  spaces: number;
  personas: number;
  /** Pending reviews in spaces where the actor decides (null when the actor decides nowhere). */
  pendingReviews: { count: number; oldestAt: Date | null } | null;
  expiringReviews: ExpiringReview[];
  pausedPersonas: PausedPersonaItem[];
  gates: GateItem[];
  quietRuntimes: QuietRuntime[];
  tokens: TokenItem[];
}

/** True when nothing in the report asks for a person's attention. */
export function isAllClear(a: Attention): boolean {
  return (
    (a.pendingReviews?.count ?? 0) === 0 &&
    a.expiringReviews.length === 0 &&
    a.pausedPersonas.length === 0 &&
    a.gates.length === 0 &&
    a.quietRuntimes.length === 0 &&
    a.tokens.length === 0
  );
}

function spacesWhere(access: Map<string, TenantRole>, perms: Permission[]): string[] {
  return [...access].filter(([, role]) => perms.some((p) => can(role, p))).map(([id]) => id);
}

export async function getAttention(db: Executor, actor: Actor, now = new Date()): Promise<Attention> {
  const access = await listAccessibleSpaces(db, actor);
  const all = [...access.keys()];
  const decide = spacesWhere(access, ["actions:decide"]);
  const manage = spacesWhere(access, ["spaces:manage"]);
  const gateSpaces = spacesWhere(access, ["stages:request", "stages:signoff"]);
  const checked = (Object.keys(CHECK_PERMISSION) as AttentionCheck[]).filter(
    (c) => spacesWhere(access, CHECK_PERMISSION[c]).length > 0,
  );
  const withDetails = [...access.values()].some((r) => can(r, "details:read"));
  const [personaCount, pendingReviews, expiringReviews, pausedPersonas, gates, quietRuntimes, tokens] = await Promise.all([
    countPersonas(db, actor.tenantId, all),
    decide.length ? pendingReviewSummary(db, actor.tenantId, decide, now) : Promise.resolve(null),
    listExpiringReviews(db, actor.tenantId, decide, now),
    listPausedPersonas(db, actor.tenantId, all, withDetails),
    listGateItems(db, actor.tenantId, gateSpaces, access, now),
    listQuietRuntimes(db, actor.tenantId, manage, now),
    listTokenItems(db, actor.tenantId, manage, now),
  ]);
  return { checked, spaces: all.length, personas: personaCount, pendingReviews, expiringReviews, pausedPersonas, gates, quietRuntimes, tokens };
}

async function countPersonas(db: Executor, tenantId: string, spaceIds: string[]): Promise<number> {
  if (!spaceIds.length) return 0;
  const [r] = await db
    .select({ n: count() })
    .from(personas)
    .where(and(eq(personas.tenantId, tenantId), inArray(personas.spaceId, spaceIds), isNull(personas.archivedAt)));
  return r?.n ?? 0;
}

/** Pending and not yet past its expiry (the sweep may not have run yet). */
function livePending(tenantId: string, spaceIds: string[], now: Date) {
  return and(
    eq(actions.tenantId, tenantId),
    inArray(actions.spaceId, spaceIds),
    eq(actions.status, "pending"),
    or(isNull(actions.expiresAt), gt(actions.expiresAt, now)),
  );
}

async function pendingReviewSummary(db: Executor, tenantId: string, spaceIds: string[], now: Date) {
  const [r] = await db
    .select({ n: count(), oldest: min(actions.createdAt) })
    .from(actions)
    .where(livePending(tenantId, spaceIds, now));
  return { count: r?.n ?? 0, oldestAt: r?.oldest ? new Date(r.oldest) : null };
}

export async function listExpiringReviews(db: Executor, tenantId: string, spaceIds: string[], now: Date): Promise<ExpiringReview[]> {
  if (!spaceIds.length) return [];
  return db
    .select({
      id: actions.id,
      actionKey: actions.actionKey,
      personaName: personas.name,
      spaceName: spaces.name,
      expiresAt: actions.expiresAt,
    })
    .from(actions)
    .innerJoin(personas, and(eq(personas.id, actions.personaId), eq(personas.tenantId, actions.tenantId)))
    .innerJoin(spaces, and(eq(spaces.id, actions.spaceId), eq(spaces.tenantId, actions.tenantId)))
    .where(and(livePending(tenantId, spaceIds, now), lte(actions.expiresAt, new Date(now.getTime() + ATTENTION_WINDOWS.expiringReviewMs))))
    .orderBy(asc(actions.expiresAt))
    .limit(20)
    .then((rows) => rows.map((r) => ({ ...r, expiresAt: r.expiresAt! })));
}

async function listPausedPersonas(db: Executor, tenantId: string, spaceIds: string[], withReason: boolean): Promise<PausedPersonaItem[]> {
  if (!spaceIds.length) return [];
  const rows = await db
    .select({
      id: personas.id,
      name: personas.name,
      spaceId: personas.spaceId,
      spaceName: spaces.name,
      pausedAt: personas.pausedAt,
      openedAt: incidents.openedAt,
      reason: incidents.reason,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .leftJoin(
      incidents,
      and(eq(incidents.personaId, personas.id), eq(incidents.tenantId, personas.tenantId), eq(incidents.status, "open")),
    )
    .where(and(eq(personas.tenantId, tenantId), inArray(personas.spaceId, spaceIds), eq(personas.status, "paused"), isNull(personas.archivedAt)))
    .orderBy(asc(personas.pausedAt), asc(personas.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    spaceId: r.spaceId,
    spaceName: r.spaceName,
    pausedAt: r.pausedAt,
    incident: r.openedAt ? { openedAt: r.openedAt, reason: withReason ? r.reason : null } : null,
  }));
}

/**
 * Gates: each persona's evidence now and `gateLookbackMs` ago, in one grouped
 * query (the same evidence getGateEvidence reads, cut off at each moment).
 */
export async function listGateItems(
  db: Executor,
  tenantId: string,
  spaceIds: string[],
  access: Map<string, TenantRole>,
  now: Date,
): Promise<GateItem[]> {
  if (!spaceIds.length) return [];
  const then = new Date(now.getTime() - ATTENTION_WINDOWS.gateLookbackMs);
  // Raw SQL gets the time as text: postgres.js does not serialize a Date inside sql``.
  const thenTs = sql`${then.toISOString()}::timestamptz`;
  const atStage = sql`${actions.decidedBy} = 'reviewers' and ${actions.stage} = ${personas.stage} and ${actions.createdAt} >= ${personas.stageEnteredAt}`;
  const beforeThen = sql`${actions.createdAt} <= ${thenTs} and ${actions.decidedAt} <= ${thenTs}`;
  const highRisk = sql`${actions.risk} = 'high' and ${actions.status} = 'rejected'`;
  const n = (cond: ReturnType<typeof sql>) => sql<number>`count(${actions.id}) filter (where ${cond})`.mapWith(Number);
  const at = (cond: ReturnType<typeof sql>) => sql<string | null>`max(${actions.decidedAt}) filter (where ${cond})`;
  const rows = await db
    .select({
      id: personas.id,
      name: personas.name,
      spaceId: personas.spaceId,
      spaceName: spaces.name,
      stage: personas.stage,
      stageEnteredAt: personas.stageEnteredAt,
      thresholds: spaces.gateThresholds,
      reviewedNow: n(atStage),
      rejectedNow: n(sql`${atStage} and ${actions.status} = 'rejected'`),
      reviewedThen: n(sql`${atStage} and ${beforeThen}`),
      rejectedThen: n(sql`${atStage} and ${beforeThen} and ${actions.status} = 'rejected'`),
      highRiskNow: at(highRisk),
      highRiskThen: at(sql`${highRisk} and ${actions.decidedAt} <= ${thenTs}`),
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    // Only the rows the gate reads: reviewers' decisions and rejected high-risk actions.
    .leftJoin(
      actions,
      and(
        eq(actions.personaId, personas.id),
        eq(actions.tenantId, personas.tenantId),
        or(eq(actions.decidedBy, "reviewers"), and(eq(actions.risk, "high"), eq(actions.status, "rejected"))),
      ),
    )
    .where(
      and(
        eq(personas.tenantId, tenantId),
        inArray(personas.spaceId, spaceIds),
        isNull(personas.archivedAt),
        ne(personas.stage, "deep_embedding"),
      ),
    )
    .groupBy(personas.id, spaces.id)
    .orderBy(asc(spaces.name), asc(personas.name));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [pauses, requests] = await Promise.all([
    db
      .select({
        personaId: incidents.personaId,
        now: max(incidents.openedAt),
        then: sql<string | null>`max(${incidents.openedAt}) filter (where ${incidents.openedAt} <= ${thenTs})`,
      })
      .from(incidents)
      .where(and(eq(incidents.tenantId, tenantId), inArray(incidents.personaId, ids)))
      .groupBy(incidents.personaId),
    db
      .select({ personaId: stageChanges.personaId })
      .from(stageChanges)
      .where(and(eq(stageChanges.tenantId, tenantId), inArray(stageChanges.personaId, ids), eq(stageChanges.status, "requested"))),
  ]);
  const pauseOf = new Map(pauses.map((p) => [p.personaId, p]));
  const requested = new Set(requests.map((r) => r.personaId));
  const date = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
  const out: GateItem[] = [];
  for (const r of rows) {
    const to = nextStage(r.stage);
    if (!to) continue;
    const role = access.get(r.spaceId);
    if (!role) continue;
    const thresholds = gateThresholdsFor(r.thresholds, r.stage);
    const p = pauseOf.get(r.id);
    const evidence = (reviewed: number, rejected: number, hr: Date | null, pause: Date | null, at: Date): GateEvidence => ({
      reviewedCount: reviewed,
      rejectedCount: rejected,
      approvedCount: reviewed - rejected,
      lastHighRiskRejectionAt: hr,
      lastPauseAt: pause,
      stageEnteredAt: r.stageEnteredAt,
      now: at,
    });
    const gateNow = evaluateGate(r.stage, evidence(r.reviewedNow, r.rejectedNow, date(r.highRiskNow), date(p?.now), now), thresholds);
    const base = { personaId: r.id, personaName: r.name, spaceName: r.spaceName, stage: r.stage, to };
    if (requested.has(r.id)) {
      if (can(role, "stages:signoff")) out.push({ ...base, kind: "signoff", failing: [] });
      continue;
    }
    if (gateNow.passed) {
      if (can(role, "stages:request")) out.push({ ...base, kind: "ready", failing: [] });
      continue;
    }
    // Newly failing: same stage a week ago, and the gate passed then.
    if (r.stageEnteredAt.getTime() > then.getTime()) continue;
    const gateThen = evaluateGate(r.stage, evidence(r.reviewedThen, r.rejectedThen, date(r.highRiskThen), date(p?.then), then), thresholds);
    if (gateThen.passed) {
      out.push({ ...base, kind: "failing", failing: gateNow.criteria.filter((c) => !c.passed).map((c) => c.detail) });
    }
  }
  const order = { failing: 0, signoff: 1, ready: 2 } as const;
  return out.sort((a, b) => order[a.kind] - order[b.kind]);
}

/**
 * Runtimes that went quiet: per app and environment, the latest sign of life
 * (an instance's heartbeat or a token's use) is older than a day but newer
 * than 30 days. An instance replaced by a newer one is not "quiet".
 */
export async function listQuietRuntimes(db: Executor, tenantId: string, spaceIds: string[], now: Date): Promise<QuietRuntime[]> {
  if (!spaceIds.length) return [];
  const [inst, tok] = await Promise.all([
    db
      .select({
        appId: runtimeInstances.appId,
        environment: runtimeInstances.environment,
        last: max(runtimeInstances.lastSeenAt),
        instances: sql<string[]>`array_agg(${runtimeInstances.instanceId} order by ${runtimeInstances.lastSeenAt} desc)`,
      })
      .from(runtimeInstances)
      .where(and(eq(runtimeInstances.tenantId, tenantId), inArray(runtimeInstances.spaceId, spaceIds)))
      .groupBy(runtimeInstances.appId, runtimeInstances.environment),
    db
      .select({ appId: runtimeTokens.appId, environment: runtimeTokens.environment, last: max(runtimeTokens.lastUsedAt) })
      .from(runtimeTokens)
      .where(and(eq(runtimeTokens.tenantId, tenantId), inArray(runtimeTokens.spaceId, spaceIds)))
      .groupBy(runtimeTokens.appId, runtimeTokens.environment),
  ]);
  const latest = new Map<string, { appId: string; environment: Environment; last: Date; instances: string[] }>();
  for (const r of [...inst, ...tok.map((t) => ({ ...t, instances: [] as string[] }))]) {
    if (!r.last) continue;
    const key = `${r.appId}:${r.environment}`;
    const last = new Date(r.last);
    const cur = latest.get(key);
    if (!cur) latest.set(key, { appId: r.appId, environment: r.environment, last, instances: r.instances ?? [] });
    else {
      if (last > cur.last) cur.last = last;
      if (r.instances?.length) cur.instances = r.instances;
    }
  }
  const quiet = [...latest.values()].filter(
    (r) => now.getTime() - r.last.getTime() >= ATTENTION_WINDOWS.quietAfterMs && now.getTime() - r.last.getTime() < ATTENTION_WINDOWS.quietForgetAfterMs,
  );
  if (!quiet.length) return [];
  const appRows = await db
    .select({ id: apps.id, name: apps.name, spaceId: apps.spaceId, spaceName: spaces.name })
    .from(apps)
    .innerJoin(spaces, and(eq(spaces.id, apps.spaceId), eq(spaces.tenantId, apps.tenantId)))
    .where(and(eq(apps.tenantId, tenantId), inArray(apps.id, quiet.map((q) => q.appId)), isNull(apps.archivedAt)));
  const appOf = new Map(appRows.map((a) => [a.id, a]));
  return quiet
    .filter((q) => appOf.has(q.appId))
    .map((q) => {
      const a = appOf.get(q.appId)!;
      return { appId: q.appId, appName: a.name, spaceId: a.spaceId, spaceName: a.spaceName, environment: q.environment, lastSeenAt: q.last, instances: q.instances };
    })
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Live tokens (not revoked, not replaced, not expired) expiring within 7 days or unused for 30. */
export async function listTokenItems(db: Executor, tenantId: string, spaceIds: string[], now: Date): Promise<TokenItem[]> {
  if (!spaceIds.length) return [];
  const soon = new Date(now.getTime() + ATTENTION_WINDOWS.tokenExpiryMs);
  const idle = new Date(now.getTime() - ATTENTION_WINDOWS.tokenUnusedMs);
  const rows = await db
    .select({
      id: runtimeTokens.id,
      name: runtimeTokens.name,
      spaceId: runtimeTokens.spaceId,
      spaceName: spaces.name,
      appName: apps.name,
      environment: runtimeTokens.environment,
      expiresAt: runtimeTokens.expiresAt,
      lastUsedAt: runtimeTokens.lastUsedAt,
      createdAt: runtimeTokens.createdAt,
    })
    .from(runtimeTokens)
    .innerJoin(spaces, and(eq(spaces.id, runtimeTokens.spaceId), eq(spaces.tenantId, runtimeTokens.tenantId)))
    .innerJoin(apps, and(eq(apps.id, runtimeTokens.appId), eq(apps.tenantId, runtimeTokens.tenantId)))
    .where(
      and(
        eq(runtimeTokens.tenantId, tenantId),
        inArray(runtimeTokens.spaceId, spaceIds),
        isNull(runtimeTokens.revokedAt),
        isNull(runtimeTokens.replacedByTokenId),
        or(isNull(runtimeTokens.expiresAt), gt(runtimeTokens.expiresAt, now)),
        or(
          lte(runtimeTokens.expiresAt, soon),
          sql`coalesce(${runtimeTokens.lastUsedAt}, ${runtimeTokens.createdAt}) < ${idle.toISOString()}::timestamptz`,
        ),
      ),
    )
    .orderBy(asc(runtimeTokens.expiresAt), asc(runtimeTokens.name));
  return rows.map(({ createdAt: _c, ...r }) => ({
    ...r,
    reason: r.expiresAt && r.expiresAt.getTime() <= soon.getTime() ? "expiring" : "unused",
  }));
}
