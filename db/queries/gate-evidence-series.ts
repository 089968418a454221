import { and, eq, sql } from "drizzle-orm";
import type { Stage } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { actions, incidents, personas } from "../schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The gate's evidence at one moment (the end of a day, the last one `now`). */
export interface GateEvidencePoint {
  at: string;
  /** Null before the persona entered its current stage (the gate measures this stage only). */
  reviewed: number | null;
  /** Approved / reviewed in percent (one decimal), null with nothing reviewed. */
  approvalRate: number | null;
  /** Whole days since the last rejected high-risk action, null if none by then. */
  highRiskRejectionDaysAgo: number | null;
  /** Whole days since the last pause (incident), null if none by then. */
  pauseDaysAgo: number | null;
  daysAtStage: number | null;
}

export interface GateEvidenceSeries {
  stage: Stage;
  points: GateEvidencePoint[];
}

/**
 * The gate evidence of a persona's current stage for each of the last `days` days, as
 * getGateEvidence would have measured it at that moment (point i at now − (days−1−i) days).
 * One query: generate_series with correlated aggregates, never one query per day.
 */
export async function getGateEvidenceSeries(
  db: Executor,
  tenantId: string,
  personaId: string,
  { days = 30, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<GateEvidenceSeries> {
  const n = Math.max(1, Math.min(365, Math.floor(days)));
  const nowIso = now.toISOString();
  const t = sql`(${nowIso}::timestamptz - ((${n - 1} - g.i) * interval '1 day'))`;
  const reviewedWhere = sql`${actions.tenantId} = ${tenantId} and ${actions.personaId} = ${personaId} and ${actions.stage} = ${personas.stage}
    and ${actions.decidedBy} = 'reviewers' and ${actions.createdAt} >= ${personas.stageEnteredAt} and ${actions.decidedAt} <= ${t}`;
  const rows = await db
    .select({
      i: sql<number>`g.i`.mapWith(Number),
      stage: personas.stage,
      enteredMs: sql<number>`extract(epoch from ${personas.stageEnteredAt}) * 1000`.mapWith(Number),
      atMs: sql<number>`extract(epoch from ${t}) * 1000`.mapWith(Number),
      reviewed: sql<number>`(select count(*) from ${actions} where ${reviewedWhere})`.mapWith(Number),
      rejected: sql<number>`(select count(*) from ${actions} where ${reviewedWhere} and ${actions.status} = 'rejected')`.mapWith(Number),
      lastHighRiskMs: sql<number | null>`(select extract(epoch from max(${actions.decidedAt})) * 1000 from ${actions}
        where ${actions.tenantId} = ${tenantId} and ${actions.personaId} = ${personaId} and ${actions.risk} = 'high'
        and ${actions.status} = 'rejected' and ${actions.decidedAt} <= ${t})`,
      lastPauseMs: sql<number | null>`(select extract(epoch from max(${incidents.openedAt})) * 1000 from ${incidents}
        where ${incidents.tenantId} = ${tenantId} and ${incidents.personaId} = ${personaId} and ${incidents.openedAt} <= ${t})`,
    })
    .from(sql`generate_series(0, ${n - 1}) as g(i)`)
    .innerJoin(personas, and(eq(personas.id, personaId), eq(personas.tenantId, tenantId)))
    .orderBy(sql`g.i`);
  if (rows.length === 0) return { stage: "pilot", points: [] };
  const ago = (at: number, last: unknown) => (last === null || last === undefined ? null : Math.floor(Math.max(0, at - Number(last)) / DAY_MS));
  return {
    stage: rows[0]!.stage,
    points: rows.map((r) => {
      const atStage = r.atMs >= r.enteredMs;
      const reviewed = atStage ? r.reviewed : null;
      return {
        at: new Date(r.atMs).toISOString(),
        reviewed,
        approvalRate: reviewed ? Math.round(((reviewed - r.rejected) / reviewed) * 1000) / 10 : null,
        highRiskRejectionDaysAgo: ago(r.atMs, r.lastHighRiskMs),
        pauseDaysAgo: ago(r.atMs, r.lastPauseMs),
        daysAtStage: atStage ? Math.floor((r.atMs - r.enteredMs) / DAY_MS) : null,
      };
    }),
  };
}
