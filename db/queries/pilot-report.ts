import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { getCapability } from "../../lib/domain/catalog";
import {
  ENVIRONMENTS,
  REASON_CODES,
  STAGES,
  type CapabilityKind,
  type Environment,
  type Policy,
  type PersonaStatus,
  type ReasonCode,
  type Stage,
  type TenantRole,
} from "../../lib/domain/constants";
import { can } from "../../lib/domain/permissions";
import {
  effectivePolicy,
  resolveStageBounds,
  stageCeiling,
  type SpaceBoundsOverride,
  type StageBounds,
} from "../../lib/domain/stages";
import { PILOT_REPORT_PERIODS, type PilotReportPeriod } from "../../lib/reports/period";
import { getSpaceAccess, isUuid } from "../access";
import type { Executor } from "../client";
import {
  actions,
  auditEvents,
  capabilityGrants,
  connections,
  incidents,
  memoryItems,
  personas,
  spaces,
  stageChanges,
} from "../schema";

/**
 * The buyer's pilot report (issue 7): five buying questions answered from live data, as
 * aggregates only. Nothing in a report is an action input, a memory value, a person's name or
 * email, or a free-text reason someone typed: it is meant to be shared with an evaluator.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface ReportPersona {
  id: string;
  name: string;
  stage: Stage;
  status: PersonaStatus;
  createdAt: Date;
}

export interface GrantEvidence {
  personaId: string;
  capabilityKey: string;
  capabilityName: string;
  kind: CapabilityKind;
  environment: Environment;
  /** Effective policy per action: the lower of the grant's policy and the stage ceiling. */
  policies: { actionKey: string; policy: Policy }[];
}

export interface CapabilityUsage {
  capabilityKey: string;
  proposed: number;
  /** Approved by policy or reviewers (whatever the reported outcome). */
  carriedOut: number;
}

export interface StageSegment {
  stage: Stage;
  from: Date;
  /** Null while it is the current stage. */
  to: Date | null;
  days: number;
}

export interface PauseEvidence {
  personaId: string;
  openedAt: Date;
  resolvedAt: Date | null;
  /** Pending / approved-without-outcome actions the pause cancelled. */
  cancelledActions: number;
  /** Seconds from the pause to the first cancellation (null: nothing was waiting). */
  secondsToCancellation: number | null;
  /** Requests refused because the persona was paused. */
  deniedWhilePaused: number;
  /** Seconds from the pause to the first refused request (null: none came). */
  secondsToFirstDenial: number | null;
  /** Actions proposed during the pause and not refused or cancelled (should be 0). */
  letThrough: number;
}

export interface WeeklyMemory {
  weekStart: Date;
  /** Items first written this week that are still kept. */
  newItemsKept: number;
  /** Writes recorded through the runtime memory API (audit events). */
  writes: number;
  /** Deletes recorded (runtime or console). */
  deletes: number;
}

export interface PilotReport {
  kind: "persona" | "space";
  /** The persona (persona report) or space (space report) the report is about. */
  subject: { id: string; name: string };
  space: { id: string; name: string; environments: Environment[] };
  role: TenantRole;
  personas: ReportPersona[];
  period: { key: PilotReportPeriod; from: Date; to: Date };
  builtIn: { grants: GrantEvidence[]; usage: CapabilityUsage[] };
  connected: {
    grants: GrantEvidence[];
    connections: { type: string; name: string; environment: Environment; credentialsSet: boolean }[];
    usage: CapabilityUsage[];
  };
  rollout: {
    personas: {
      personaId: string;
      stage: Stage;
      bounds: StageBounds;
      segments: StageSegment[];
      rollbacks: { at: Date; from: Stage; to: Stage }[];
      advances: number;
    }[];
  };
  control: {
    proposed: number;
    routedToReview: number;
    decidedByReviewers: number;
    approvedByReviewers: number;
    rejected: number;
    approvedByPolicy: number;
    denied: number;
    expired: number;
    cancelled: number;
    pending: number;
    medianSecondsToDecision: number | null;
    p90SecondsToDecision: number | null;
    deniedByReason: { reasonCode: ReasonCode; count: number }[];
    pauses: PauseEvidence[];
  };
  continuity: {
    itemsKept: number;
    byEnvironment: { environment: Environment; items: number }[];
    oldestItemAt: Date | null;
    weekly: WeeklyMemory[];
  };
}

export type PilotReportTarget = { kind: "persona"; personaId: string } | { kind: "space"; spaceId: string };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * The pilot report for one persona or one space, through a space the actor can read.
 * Null when the persona/space is not in the actor's tenant or not visible to them (→ 404).
 */
export async function getPilotReport(
  db: Executor,
  actor: Actor,
  target: PilotReportTarget,
  periodKey: PilotReportPeriod,
  now = new Date(),
): Promise<PilotReport | null> {
  const targetId = target.kind === "persona" ? target.personaId : target.spaceId;
  if (!isUuid(targetId)) return null;
  let spaceId: string;
  if (target.kind === "persona") {
    const [p] = await db
      .select({ spaceId: personas.spaceId })
      .from(personas)
      .where(and(eq(personas.id, target.personaId), eq(personas.tenantId, actor.tenantId)));
    if (!p) return null;
    spaceId = p.spaceId;
  } else {
    spaceId = target.spaceId;
  }
  const access = await getSpaceAccess(db, actor, spaceId);
  if (!access || !can(access.role, "spaces:read")) return null;
  const tenantId = actor.tenantId;

  const [space] = await db
    .select({ id: spaces.id, name: spaces.name, environments: spaces.environments, boundsOverride: spaces.boundsOverride, createdAt: spaces.createdAt })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, tenantId)));
  if (!space) return null;

  const personaRows = await db
    .select({ id: personas.id, name: personas.name, stage: personas.stage, status: personas.status, createdAt: personas.createdAt })
    .from(personas)
    .where(
      and(
        eq(personas.tenantId, tenantId),
        eq(personas.spaceId, spaceId),
        target.kind === "persona" ? eq(personas.id, target.personaId) : isNull(personas.archivedAt),
      ),
    )
    .orderBy(asc(personas.name));
  const ids = personaRows.map((p) => p.id);
  const subject =
    target.kind === "persona" ? { id: personaRows[0]!.id, name: personaRows[0]!.name } : { id: space.id, name: space.name };

  // The pilot starts when the first persona was created (or its first action, if seeded earlier).
  const [first] = ids.length
    ? await db
        .select({ at: sql<unknown>`min(${actions.createdAt})` })
        .from(actions)
        .where(and(eq(actions.tenantId, tenantId), inArray(actions.personaId, ids)))
    : [];
  const firstActionAt = toDate(first?.at);
  const pilotStart = [...personaRows.map((p) => p.createdAt), ...(firstActionAt ? [firstActionAt] : [])].reduce<Date>(
    (min, d) => (d < min ? d : min),
    target.kind === "space" ? space.createdAt : now,
  );
  const days = PILOT_REPORT_PERIODS[periodKey].days;
  const from = days === null ? pilotStart : new Date(now.getTime() - days * DAY);
  const period = { key: periodKey, from, to: now };
  const override = space.boundsOverride as SpaceBoundsOverride | null;

  const empty: PilotReport = {
    kind: target.kind,
    subject,
    space: { id: space.id, name: space.name, environments: space.environments },
    role: access.role,
    personas: personaRows,
    period,
    builtIn: { grants: [], usage: [] },
    connected: { grants: [], connections: [], usage: [] },
    rollout: { personas: [] },
    control: {
      proposed: 0, routedToReview: 0, decidedByReviewers: 0, approvedByReviewers: 0, rejected: 0, approvedByPolicy: 0,
      denied: 0, expired: 0, cancelled: 0, pending: 0, medianSecondsToDecision: null, p90SecondsToDecision: null,
      deniedByReason: [], pauses: [],
    },
    continuity: { itemsKept: 0, byEnvironment: [], oldestItemAt: null, weekly: weeks(from, now) },
  };
  if (ids.length === 0) {
    const [conns] = await Promise.all([listConnections(db, tenantId, spaceId)]);
    return { ...empty, connected: { ...empty.connected, connections: conns } };
  }

  const inPeriod = and(eq(actions.tenantId, tenantId), inArray(actions.personaId, ids), gte(actions.createdAt, from), lt(actions.createdAt, now));
  const reviewed = sql`${actions.decidedBy} = 'reviewers'`;
  const [grantRows, conns, usageRows, [control], reasonRows, pauseRows, changeRows, memRows, newItemRows, memEventRows] = await Promise.all([
    db
      .select({ personaId: capabilityGrants.personaId, capabilityKey: capabilityGrants.capabilityKey, environment: capabilityGrants.environment, policies: capabilityGrants.policies })
      .from(capabilityGrants)
      .where(and(eq(capabilityGrants.tenantId, tenantId), inArray(capabilityGrants.personaId, ids), eq(capabilityGrants.enabled, true)))
      .orderBy(asc(capabilityGrants.capabilityKey), asc(capabilityGrants.environment)),
    listConnections(db, tenantId, spaceId),
    db
      .select({
        capabilityKey: actions.capabilityKey,
        proposed: sql<number>`count(*)`.mapWith(Number),
        carriedOut: sql<number>`count(*) filter (where ${actions.status} in ('approved', 'succeeded', 'failed'))`.mapWith(Number),
      })
      .from(actions)
      .where(and(inPeriod, sql`${actions.capabilityKey} is not null`))
      .groupBy(actions.capabilityKey),
    db
      .select({
        proposed: sql<number>`count(*)`.mapWith(Number),
        routedToReview: sql<number>`count(*) filter (where ${actions.reasonCode} in ('policy_review', 'stage_requires_review'))`.mapWith(Number),
        decidedByReviewers: sql<number>`count(*) filter (where ${reviewed})`.mapWith(Number),
        approvedByReviewers: sql<number>`count(*) filter (where ${reviewed} and ${actions.status} <> 'rejected')`.mapWith(Number),
        rejected: sql<number>`count(*) filter (where ${actions.status} = 'rejected')`.mapWith(Number),
        approvedByPolicy: sql<number>`count(*) filter (where ${actions.decidedBy} = 'policy' and ${actions.status} <> 'denied')`.mapWith(Number),
        denied: sql<number>`count(*) filter (where ${actions.status} = 'denied')`.mapWith(Number),
        expired: sql<number>`count(*) filter (where ${actions.status} = 'expired')`.mapWith(Number),
        cancelled: sql<number>`count(*) filter (where ${actions.status} = 'cancelled')`.mapWith(Number),
        pending: sql<number>`count(*) filter (where ${actions.status} = 'pending')`.mapWith(Number),
        median: sql<unknown>`percentile_cont(0.5) within group (order by extract(epoch from (${actions.decidedAt} - ${actions.createdAt}))) filter (where ${reviewed} and ${actions.decidedAt} is not null)`,
        p90: sql<unknown>`percentile_cont(0.9) within group (order by extract(epoch from (${actions.decidedAt} - ${actions.createdAt}))) filter (where ${reviewed} and ${actions.decidedAt} is not null)`,
      })
      .from(actions)
      .where(inPeriod),
    db
      .select({ reasonCode: actions.reasonCode, count: sql<number>`count(*)`.mapWith(Number) })
      .from(actions)
      .where(and(inPeriod, eq(actions.status, "denied")))
      .groupBy(actions.reasonCode),
    pauses(db, tenantId, ids, from, now),
    db
      .select({ personaId: stageChanges.personaId, kind: stageChanges.kind, from: stageChanges.fromStage, to: stageChanges.toStage, appliedAt: stageChanges.appliedAt })
      .from(stageChanges)
      .where(and(eq(stageChanges.tenantId, tenantId), inArray(stageChanges.personaId, ids), eq(stageChanges.status, "applied")))
      .orderBy(asc(stageChanges.appliedAt)),
    db
      .select({ environment: memoryItems.environment, items: sql<number>`count(*)`.mapWith(Number), oldest: sql<unknown>`min(${memoryItems.createdAt})` })
      .from(memoryItems)
      .where(and(eq(memoryItems.tenantId, tenantId), inArray(memoryItems.personaId, ids)))
      .groupBy(memoryItems.environment),
    db
      .select({ week: weekIndex(memoryItems.createdAt, from), n: sql<number>`count(*)`.mapWith(Number) })
      .from(memoryItems)
      .where(and(eq(memoryItems.tenantId, tenantId), inArray(memoryItems.personaId, ids), gte(memoryItems.createdAt, from), lt(memoryItems.createdAt, now)))
      .groupBy(sql`1`),
    db
      .select({ week: weekIndex(auditEvents.at, from), verb: auditEvents.verb, n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.tenantId, tenantId),
          inArray(auditEvents.verb, ["memory.written", "memory.deleted"]),
          eq(auditEvents.spaceId, spaceId),
          gte(auditEvents.at, from),
          lt(auditEvents.at, now),
          // The runtime names the persona as the target; a console delete keeps it in `before`.
          or(inArray(auditEvents.targetId, ids), inArray(sql`${auditEvents.before}->>'personaId'`, ids)),
        ),
      )
      .groupBy(sql`1`, auditEvents.verb),
  ]);

  const stageOf = new Map(personaRows.map((p) => [p.id, p.stage]));
  const grants: GrantEvidence[] = [];
  for (const g of grantRows) {
    const cap = getCapability(g.capabilityKey);
    if (!cap) continue;
    const stage = stageOf.get(g.personaId)!;
    grants.push({
      personaId: g.personaId,
      capabilityKey: cap.key,
      capabilityName: cap.name,
      kind: cap.kind,
      environment: g.environment,
      policies: cap.actions.map((a) => {
        const ceiling = stageCeiling({ stage, environment: g.environment, capabilityKind: cap.kind, risk: a.risk, effect: a.effect, override });
        return { actionKey: a.key, policy: effectivePolicy(g.policies[a.key] ?? "deny", ceiling) };
      }),
    });
  }
  const usage = usageRows.map((u) => ({ capabilityKey: u.capabilityKey!, proposed: u.proposed, carriedOut: u.carriedOut }));
  const kindOf = (key: string) => getCapability(key)?.kind;

  const weekly = weeks(from, now);
  for (const r of newItemRows) if (weekly[Number(r.week)]) weekly[Number(r.week)]!.newItemsKept += r.n;
  for (const r of memEventRows) {
    const w = weekly[Number(r.week)];
    if (!w) continue;
    if (r.verb === "memory.written") w.writes += r.n;
    else w.deletes += r.n;
  }
  const oldest = memRows.map((r) => toDate(r.oldest)).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

  return {
    ...empty,
    builtIn: { grants: grants.filter((g) => g.kind === "builtin"), usage: usage.filter((u) => kindOf(u.capabilityKey) === "builtin") },
    connected: { grants: grants.filter((g) => g.kind === "connected"), connections: conns, usage: usage.filter((u) => kindOf(u.capabilityKey) === "connected") },
    rollout: {
      personas: personaRows.map((p) => {
        const changes = changeRows.filter((c) => c.personaId === p.id && c.appliedAt);
        return {
          personaId: p.id,
          stage: p.stage,
          bounds: resolveStageBounds(p.stage, override),
          segments: stageSegments(p.createdAt, p.stage, changes.map((c) => ({ from: c.from, to: c.to, at: c.appliedAt! })), now),
          rollbacks: changes.filter((c) => c.kind === "rollback").map((c) => ({ at: c.appliedAt!, from: c.from, to: c.to })),
          advances: changes.filter((c) => c.kind === "advance").length,
        };
      }),
    },
    control: {
      proposed: control?.proposed ?? 0,
      routedToReview: control?.routedToReview ?? 0,
      decidedByReviewers: control?.decidedByReviewers ?? 0,
      approvedByReviewers: control?.approvedByReviewers ?? 0,
      rejected: control?.rejected ?? 0,
      approvedByPolicy: control?.approvedByPolicy ?? 0,
      denied: control?.denied ?? 0,
      expired: control?.expired ?? 0,
      cancelled: control?.cancelled ?? 0,
      pending: control?.pending ?? 0,
      medianSecondsToDecision: num(control?.median),
      p90SecondsToDecision: num(control?.p90),
      deniedByReason: reasonRows
        .map((r) => ({ reasonCode: r.reasonCode, count: r.count }))
        .sort((a, b) => b.count - a.count || REASON_CODES.indexOf(a.reasonCode) - REASON_CODES.indexOf(b.reasonCode)),
      pauses: pauseRows,
    },
    continuity: {
      itemsKept: memRows.reduce((n, r) => n + r.items, 0),
      byEnvironment: ENVIRONMENTS.flatMap((environment) => {
        const r = memRows.find((m) => m.environment === environment);
        return r ? [{ environment, items: r.items }] : [];
      }),
      oldestItemAt: oldest,
      weekly,
    },
  };
}

/** Index of the period week (0 = the week starting at `from`) a timestamp falls in. */
function weekIndex(column: typeof memoryItems.createdAt | typeof auditEvents.at, from: Date) {
  return sql<number>`floor(extract(epoch from (${column} - ${from.toISOString()}::timestamptz)) / ${WEEK / 1000})::int`.mapWith(Number);
}

function weeks(from: Date, to: Date): WeeklyMemory[] {
  const out: WeeklyMemory[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += WEEK) out.push({ weekStart: new Date(t), newItemsKept: 0, writes: 0, deletes: 0 });
  return out;
}

/** Time at each stage: from the persona's creation through each applied stage change to now. */
export function stageSegments(
  createdAt: Date,
  currentStage: Stage,
  changes: readonly { from: Stage; to: Stage; at: Date }[],
  now: Date,
): StageSegment[] {
  const out: StageSegment[] = [];
  let stage: Stage = changes[0]?.from ?? currentStage;
  let start = createdAt;
  for (const c of changes) {
    out.push({ stage, from: start, to: c.at, days: wholeDays(start, c.at) });
    stage = c.to;
    start = c.at;
  }
  out.push({ stage: STAGES.includes(stage) ? stage : currentStage, from: start, to: null, days: wholeDays(start, now) });
  return out;
}

const wholeDays = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / DAY));

async function listConnections(db: Executor, tenantId: string, spaceId: string) {
  const rows = await db
    .select({
      type: connections.type,
      name: connections.name,
      environment: connections.environment,
      credentialsSet: sql<boolean>`${connections.credentialsCiphertext} is not null`,
    })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.spaceId, spaceId)))
    .orderBy(asc(connections.type), asc(connections.environment));
  return rows.map((r) => ({ ...r, credentialsSet: r.credentialsSet === true || String(r.credentialsSet) === "true" }));
}

/** Pauses that overlap the period, each with how fast it took effect. */
async function pauses(db: Executor, tenantId: string, ids: string[], from: Date, to: Date): Promise<PauseEvidence[]> {
  const end = sql`coalesce(${incidents.resolvedAt}, ${to.toISOString()}::timestamptz)`;
  const during = (col: string) => sql.raw(`a.tenant_id = incidents.tenant_id and a.persona_id = incidents.persona_id and a.${col} >= incidents.opened_at and a.${col} <= `);
  const rows = await db
    .select({
      personaId: incidents.personaId,
      openedAt: incidents.openedAt,
      resolvedAt: incidents.resolvedAt,
      cancelled: sql<unknown>`(select count(*) from actions a where ${during("decided_at")}${end} and a.status = 'cancelled' and a.decided_by = 'system')`,
      firstCancelAt: sql<unknown>`(select min(a.decided_at) from actions a where ${during("decided_at")}${end} and a.status = 'cancelled' and a.decided_by = 'system')`,
      denied: sql<unknown>`(select count(*) from actions a where ${during("created_at")}${end} and a.reason_code = 'persona_paused')`,
      firstDeniedAt: sql<unknown>`(select min(a.created_at) from actions a where ${during("created_at")}${end} and a.reason_code = 'persona_paused')`,
      letThrough: sql<unknown>`(select count(*) from actions a where ${during("created_at")}${end} and a.status not in ('denied', 'cancelled'))`,
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.tenantId, tenantId),
        inArray(incidents.personaId, ids),
        lt(incidents.openedAt, to),
        or(isNull(incidents.resolvedAt), gte(incidents.resolvedAt, from)),
      ),
    )
    .orderBy(asc(incidents.openedAt));
  const secs = (at: unknown, opened: Date) => {
    const d = toDate(at);
    return d ? Math.max(0, (d.getTime() - opened.getTime()) / 1000) : null;
  };
  return rows.map((r) => ({
    personaId: r.personaId,
    openedAt: r.openedAt,
    resolvedAt: r.resolvedAt,
    cancelledActions: Number(r.cancelled ?? 0),
    secondsToCancellation: secs(r.firstCancelAt, r.openedAt),
    deniedWhilePaused: Number(r.denied ?? 0),
    secondsToFirstDenial: secs(r.firstDeniedAt, r.openedAt),
    letThrough: Number(r.letThrough ?? 0),
  }));
}
