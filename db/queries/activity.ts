import { and, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { ReasonCode } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { actions, personas } from "../schema";

/**
 * A persona's decisions over a period, as aggregates only (no action input,
 * no person): readable by every role that sees the space, viewers included.
 * Times are bucketed by UTC day of the decision (the proposal, for an action
 * still pending when the period ends it is left out).
 */

export const ACTIVITY_PERIODS = [7, 30, 90] as const;
export type ActivityPeriod = (typeof ACTIVITY_PERIODS)[number];

export const OUTCOME_KEYS = ["approvedByPolicy", "approvedByReviewers", "rejected", "denied", "expired", "cancelled"] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export type OutcomeCounts = Record<OutcomeKey, number>;

export interface ActivityDay extends OutcomeCounts {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Outcomes the runtime reported as failed, of actions decided that day. */
  failed: number;
}

export interface PersonaActivity {
  days: ActivityPeriod;
  from: Date;
  to: Date;
  perDay: ActivityDay[];
  totals: OutcomeCounts & { decisions: number; failed: number; succeeded: number };
  deniedByReason: { reasonCode: ReasonCode; count: number }[];
  /** Proposal → reviewers' decision, over actions decided by reviewers in the period. */
  timeToDecision: { count: number; medianMs: number | null; p90Ms: number | null };
  topActions: { actionKey: string; total: number; approved: number; rejected: number; denied: number }[];
}

const DAY = 24 * 60 * 60 * 1000;

export function parsePeriod(raw: unknown): ActivityPeriod {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return (ACTIVITY_PERIODS as readonly number[]).includes(n) ? (n as ActivityPeriod) : 30;
}

/** Start of the UTC day. */
function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * The activity of one persona in the actor's tenant and the given space, or
 * null when there is no such persona there. The caller checks space access.
 */
export async function getPersonaActivity(
  db: Executor,
  actor: Actor,
  spaceId: string,
  personaId: string,
  days: ActivityPeriod,
  now = new Date(),
): Promise<PersonaActivity | null> {
  const [p] = await db
    .select({ id: personas.id })
    .from(personas)
    .where(and(eq(personas.id, personaId), eq(personas.tenantId, actor.tenantId), eq(personas.spaceId, spaceId)));
  if (!p) return null;
  const from = utcDay(new Date(now.getTime() - (days - 1) * DAY));
  const to = new Date(utcDay(now).getTime() + DAY);
  const decidedAt = sql`coalesce(${actions.decidedAt}, ${actions.createdAt})`;
  const scope = and(
    eq(actions.tenantId, actor.tenantId),
    eq(actions.spaceId, spaceId),
    eq(actions.personaId, personaId),
    ne(actions.status, "pending"),
    gte(decidedAt, sql`${from.toISOString()}::timestamptz`),
    lt(decidedAt, sql`${to.toISOString()}::timestamptz`),
  );
  const approved = sql`${actions.status} in ('approved', 'succeeded', 'failed')`;
  const n = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const outcomeColumns = {
    approvedByPolicy: n(sql`${approved} and ${actions.decidedBy} = 'policy'`),
    approvedByReviewers: n(sql`${approved} and ${actions.decidedBy} = 'reviewers'`),
    rejected: n(sql`${actions.status} = 'rejected'`),
    denied: n(sql`${actions.status} = 'denied'`),
    expired: n(sql`${actions.status} = 'expired'`),
    cancelled: n(sql`${actions.status} = 'cancelled'`),
    failed: n(sql`${actions.outcomeStatus} = 'failed'`),
  };
  const dayExpr = sql<string>`to_char(date_trunc('day', ${decidedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const reviewSeconds = sql`extract(epoch from (${actions.decidedAt} - ${actions.createdAt}))`;
  const byReviewers = sql`${actions.decidedBy} = 'reviewers' and ${actions.decidedAt} is not null`;
  const [perDayRows, [summary], reasonRows, topRows] = await Promise.all([
    db.select({ day: dayExpr, ...outcomeColumns }).from(actions).where(scope).groupBy(dayExpr).orderBy(dayExpr),
    db
      .select({
        ...outcomeColumns,
        decisions: sql<number>`count(*)`.mapWith(Number),
        succeeded: n(sql`${actions.outcomeStatus} = 'succeeded'`),
        reviewed: n(byReviewers),
        median: sql<number | null>`percentile_cont(0.5) within group (order by ${reviewSeconds}) filter (where ${byReviewers})`,
        p90: sql<number | null>`percentile_cont(0.9) within group (order by ${reviewSeconds}) filter (where ${byReviewers})`,
      })
      .from(actions)
      .where(scope),
    db
      .select({ reasonCode: actions.reasonCode, count: sql<number>`count(*)`.mapWith(Number) })
      .from(actions)
      .where(and(scope, eq(actions.status, "denied")))
      .groupBy(actions.reasonCode)
      .orderBy(sql`count(*) desc`, sql`${actions.reasonCode}::text`),
    db
      .select({
        actionKey: actions.actionKey,
        total: sql<number>`count(*)`.mapWith(Number),
        approved: n(approved),
        rejected: n(sql`${actions.status} = 'rejected'`),
        denied: n(sql`${actions.status} = 'denied'`),
      })
      .from(actions)
      .where(scope)
      .groupBy(actions.actionKey)
      .orderBy(sql`count(*) desc`, actions.actionKey)
      .limit(8),
  ]);
  const byDay = new Map(perDayRows.map((r) => [r.day, r]));
  const perDay: ActivityDay[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(day);
    perDay.push({
      day,
      approvedByPolicy: r?.approvedByPolicy ?? 0,
      approvedByReviewers: r?.approvedByReviewers ?? 0,
      rejected: r?.rejected ?? 0,
      denied: r?.denied ?? 0,
      expired: r?.expired ?? 0,
      cancelled: r?.cancelled ?? 0,
      failed: r?.failed ?? 0,
    });
  }
  const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000));
  const s = summary!;
  return {
    days,
    from,
    to,
    perDay,
    totals: {
      approvedByPolicy: s.approvedByPolicy,
      approvedByReviewers: s.approvedByReviewers,
      rejected: s.rejected,
      denied: s.denied,
      expired: s.expired,
      cancelled: s.cancelled,
      decisions: s.decisions,
      failed: s.failed,
      succeeded: s.succeeded,
    },
    deniedByReason: reasonRows,
    timeToDecision: { count: s.reviewed, medianMs: ms(s.median), p90Ms: ms(s.p90) },
    topActions: topRows,
  };
}
