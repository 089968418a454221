import { and, count, eq, gte, max, sql } from "drizzle-orm";
import type { GateEvidence } from "../../lib/domain/gate";
import type { Stage } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { actions, incidents, personas } from "../schema";

/**
 * The evidence a persona's gate is computed from, at its current stage, scoped
 * to the tenant. Reviewed = decided by reviewers (approved or rejected, whatever
 * the outcome reported later).
 */
export async function getGateEvidence(
  db: Executor,
  tenantId: string,
  personaId: string,
  now = new Date(),
): Promise<{ stage: Stage; evidence: GateEvidence } | null> {
  const [p] = await db
    .select({ stage: personas.stage, stageEnteredAt: personas.stageEnteredAt })
    .from(personas)
    .where(and(eq(personas.id, personaId), eq(personas.tenantId, tenantId)));
  if (!p) return null;
  const [[reviewed], [highRisk], [pause]] = await Promise.all([
    db
      .select({
        reviewed: count(),
        rejected: sql<number>`count(*) filter (where ${actions.status} = 'rejected')`.mapWith(Number),
      })
      .from(actions)
      .where(
        and(
          eq(actions.tenantId, tenantId),
          eq(actions.personaId, personaId),
          eq(actions.stage, p.stage),
          eq(actions.decidedBy, "reviewers"),
          gte(actions.createdAt, p.stageEnteredAt),
        ),
      ),
    db
      .select({ at: max(actions.decidedAt) })
      .from(actions)
      .where(
        and(
          eq(actions.tenantId, tenantId),
          eq(actions.personaId, personaId),
          eq(actions.risk, "high"),
          eq(actions.status, "rejected"),
        ),
      ),
    db
      .select({ at: max(incidents.openedAt) })
      .from(incidents)
      .where(and(eq(incidents.tenantId, tenantId), eq(incidents.personaId, personaId))),
  ]);
  const reviewedCount = reviewed?.reviewed ?? 0;
  const rejectedCount = reviewed?.rejected ?? 0;
  return {
    stage: p.stage,
    evidence: {
      reviewedCount,
      rejectedCount,
      approvedCount: reviewedCount - rejectedCount,
      lastHighRiskRejectionAt: highRisk?.at ? new Date(highRisk.at) : null,
      lastPauseAt: pause?.at ? new Date(pause.at) : null,
      stageEnteredAt: p.stageEnteredAt,
      now,
    },
  };
}
