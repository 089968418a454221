import { and, eq, isNull, sql } from "drizzle-orm";
import { evaluateGate } from "../../lib/domain/gate";
import { stageLabel } from "../../lib/domain/stages";
import type { Db } from "../client";
import { gateThresholdsFor } from "../mutations/stages";
import { getGateEvidence } from "../queries/gate-evidence";
import { personaGateStates, personas, spaces } from "../schema";
import { notify } from "./notify";

/**
 * The periodic gate check (server.ts, every minute). For each active persona it computes the
 * gate exactly as the rollout page does (gate evidence + the space's thresholds) and compares
 * it with the last result it stored. A gate that passed and now fails at the same stage is
 * told once (`gate_failed`); the flip is a conditional update, so with several processes
 * sweeping only one of them notifies. Not audited: it changes no governed state.
 */
export async function sweepGates(db: Db, now = new Date()): Promise<{ checked: number; newlyFailing: number }> {
  const rows = await db
    .select({
      id: personas.id,
      tenantId: personas.tenantId,
      spaceId: personas.spaceId,
      name: personas.name,
      stage: personas.stage,
      gateThresholds: spaces.gateThresholds,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.status, "active"), isNull(personas.archivedAt), isNull(spaces.archivedAt)));
  let newlyFailing = 0;
  for (const p of rows) {
    const ev = await getGateEvidence(db, p.tenantId, p.id, now);
    if (!ev) continue;
    const gate = evaluateGate(ev.stage, ev.evidence, gateThresholdsFor(p.gateThresholds, ev.stage));
    if (!gate.applicable) continue;
    await db.transaction(async (tx) => {
      if (!gate.passed) {
        const flipped = await tx
          .update(personaGateStates)
          .set({ passed: false, checkedAt: now, changedAt: now })
          .where(and(eq(personaGateStates.personaId, p.id), eq(personaGateStates.stage, ev.stage), eq(personaGateStates.passed, true)))
          .returning({ personaId: personaGateStates.personaId });
        if (flipped.length) {
          newlyFailing++;
          const failing = gate.criteria.filter((c) => !c.passed).map((c) => c.detail).join("; ");
          await notify(tx, {
            tenantId: p.tenantId,
            spaceId: p.spaceId,
            personaId: p.id,
            kind: "gate_failed",
            title: `${p.name}: the gate to ${gate.to ? stageLabel(gate.to) : "the next stage"} stopped passing`,
            body: failing,
            href: `/rollouts/${p.id}`,
          });
          return;
        }
      }
      // Remember the current result (first sight, a stage change, or no change).
      await tx
        .insert(personaGateStates)
        .values({ personaId: p.id, tenantId: p.tenantId, spaceId: p.spaceId, stage: ev.stage, passed: gate.passed, checkedAt: now, changedAt: now })
        .onConflictDoUpdate({
          target: personaGateStates.personaId,
          set: {
            stage: sql`excluded.stage`,
            passed: sql`excluded.passed`,
            checkedAt: sql`excluded.checked_at`,
            changedAt: sql`case when ${personaGateStates.passed} = excluded.passed and ${personaGateStates.stage} = excluded.stage then ${personaGateStates.changedAt} else excluded.changed_at end`,
          },
        });
    });
  }
  return { checked: rows.length, newlyFailing };
}
