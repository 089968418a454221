import { and, eq } from "drizzle-orm";
import { auditActor, type Actor } from "../../lib/actor";
import type { Stage, TenantRole } from "../../lib/domain/constants";
import { DEFAULT_GATE_THRESHOLDS, type GateThresholds } from "../../lib/domain/gate";
import { stageLabel } from "../../lib/domain/stages";
import { NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Executor, Tx } from "../client";
import { spaces } from "../schema";
import { gateThresholdsFor } from "./stages";

/** Stages that have a gate (the last one has no next stage). */
export const GATED_STAGES = (Object.keys(DEFAULT_GATE_THRESHOLDS) as Stage[]).filter((s) => DEFAULT_GATE_THRESHOLDS[s] !== null);

export interface SpaceGateThresholds {
  stage: Stage;
  /** What the space's gate uses now. */
  current: GateThresholds;
  /** The product default. */
  defaults: GateThresholds;
  /** True when the space set its own thresholds for this stage. */
  custom: boolean;
}

/** A space's gate thresholds per gated stage, next to the product defaults. */
export function spaceGateThresholds(stored: unknown): SpaceGateThresholds[] {
  return GATED_STAGES.map((stage) => {
    const current = gateThresholdsFor(stored, stage)!;
    const defaults = DEFAULT_GATE_THRESHOLDS[stage]!;
    return { stage, current, defaults, custom: JSON.stringify(normalize(current)) !== JSON.stringify(normalize(defaults)) };
  });
}

function normalize(t: GateThresholds): GateThresholds {
  return { minReviewedActions: t.minReviewedActions, minApprovalRatePercent: t.minApprovalRatePercent, lookbackDays: t.lookbackDays, minDaysAtStage: t.minDaysAtStage };
}

export async function loadSpaceGateThresholds(db: Executor, tenantId: string, spaceId: string): Promise<SpaceGateThresholds[] | null> {
  const [row] = await db.select({ t: spaces.gateThresholds }).from(spaces).where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, tenantId)));
  return row ? spaceGateThresholds(row.t) : null;
}

/**
 * An owner sets one stage's gate thresholds for a space (stored in spaces.gate_thresholds,
 * read by gateThresholdsFor). The caller authorizes (`stages:signoff`, owners only); the role
 * is checked again here so no other path can loosen a gate. Audited with before/after.
 */
export async function setGateThresholds(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; stage: Stage; thresholds: GateThresholds },
  now = new Date(),
): Promise<{ stage: Stage; thresholds: GateThresholds }> {
  if (role !== "owner") throw new UserError("Only an owner can change gate thresholds.");
  if (!DEFAULT_GATE_THRESHOLDS[input.stage]) throw new UserError(`${stageLabel(input.stage)} is the last stage; it has no gate.`);
  const [row] = await tx
    .select({ id: spaces.id, name: spaces.name, t: spaces.gateThresholds })
    .from(spaces)
    .where(and(eq(spaces.id, input.spaceId), eq(spaces.tenantId, actor.tenantId)))
    .for("update");
  if (!row) throw new NotFoundError("That space");
  const before = gateThresholdsFor(row.t, input.stage)!;
  const after = normalize(input.thresholds);
  if (JSON.stringify(normalize(before)) === JSON.stringify(after)) {
    throw new UserError(`These already are the ${stageLabel(input.stage)} gate thresholds; nothing changed.`);
  }
  const stored = row.t && typeof row.t === "object" && !Array.isArray(row.t) ? (row.t as Record<string, unknown>) : {};
  await tx
    .update(spaces)
    .set({ gateThresholds: { ...stored, [input.stage]: after }, updatedAt: now })
    .where(eq(spaces.id, row.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "gate.thresholds_changed",
    target: { type: "space", id: row.id, label: row.name },
    spaceId: row.id,
    before: { stage: input.stage, thresholds: before },
    after: { stage: input.stage, thresholds: after },
  });
  return { stage: input.stage, thresholds: after };
}
