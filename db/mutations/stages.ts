import { and, eq } from "drizzle-orm";
import { auditActor, type Actor } from "../../lib/actor";
import type { Policy, Stage, TenantRole } from "../../lib/domain/constants";
import { DEFAULT_GATE_THRESHOLDS, evaluateGate, GateThresholdsInput, type GateResult, type GateThresholds } from "../../lib/domain/gate";
import {
  appLimitAllows,
  applyGrantRewrites,
  grantsExceedingBounds,
  nextStage,
  previousStage,
  resolveStageBounds,
  stageLabel,
  type GrantRewrite,
  type SpaceBoundsOverride,
} from "../../lib/domain/stages";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import { notify } from "../notifications/notify";
import type { Executor, Tx } from "../client";
import { getGateEvidence } from "../queries/gate-evidence";
import { countOwners } from "../queries/members";
import { appsExposing } from "../queries/personas-exposure";
import { applySnapshotRestore, planSnapshotRestore } from "./stage-restore";
import { capabilityGrants, personaApps, personas, spaces, stageChanges } from "../schema";

/** The space's thresholds for a stage (owners may edit them), or the product defaults. */
export function gateThresholdsFor(stored: unknown, stage: Stage): GateThresholds | null {
  const fallback = DEFAULT_GATE_THRESHOLDS[stage];
  if (!fallback) return null;
  const own = stored && typeof stored === "object" ? (stored as Record<string, unknown>)[stage] : undefined;
  const parsed = GateThresholdsInput.safeParse(own);
  return parsed.success ? parsed.data : fallback;
}

async function loadPersona(db: Executor, actor: Actor, spaceId: string, personaId: string, lock = false) {
  const q = db
    .select({
      id: personas.id,
      name: personas.name,
      stage: personas.stage,
      status: personas.status,
      boundsOverride: spaces.boundsOverride,
      gateThresholds: spaces.gateThresholds,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.id, personaId), eq(personas.tenantId, actor.tenantId), eq(personas.spaceId, spaceId)));
  const [p] = lock ? await q.for("update", { of: personas }) : await q;
  if (!p) throw new NotFoundError("That persona");
  return p;
}

/** The gate from the persona's current stage, computed live from the record. */
export async function computeGate(db: Executor, actor: Actor, spaceId: string, personaId: string, now = new Date()): Promise<GateResult> {
  const p = await loadPersona(db, actor, spaceId, personaId);
  const ev = await getGateEvidence(db, actor.tenantId, personaId, now);
  return evaluateGate(p.stage, ev!.evidence, gateThresholdsFor(p.gateThresholds, p.stage));
}

function failingList(gate: GateResult): string {
  return gate.criteria.filter((c) => !c.passed).map((c) => c.detail).join("; ");
}

/**
 * An operator asks to advance a persona to its next stage. Refused, with the
 * failing criteria listed, when the gate fails — unless an owner overrides it
 * with a written justification (recorded as an override).
 */
export async function requestAdvance(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; reason: string; overrideJustification?: string },
  now = new Date(),
): Promise<{ stageChangeId: string; to: Stage }> {
  const p = await loadPersona(tx, actor, input.spaceId, input.personaId);
  const to = nextStage(p.stage);
  if (!to) throw new UserError(`${p.name} is at ${stageLabel(p.stage)}, the last stage.`);
  const ev = await getGateEvidence(tx, actor.tenantId, p.id, now);
  const gate = evaluateGate(p.stage, ev!.evidence, gateThresholdsFor(p.gateThresholds, p.stage));
  const override = Boolean(input.overrideJustification?.trim());
  if (!gate.passed) {
    if (!override) throw new UserError(`The gate to ${stageLabel(to)} fails: ${failingList(gate)}.`);
    if (role !== "owner") throw new UserError("Only an owner can override a failing gate.");
  }
  const inserted = await tx
    .insert(stageChanges)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      personaId: p.id,
      kind: "advance",
      fromStage: p.stage,
      toStage: to,
      status: "requested",
      reason: input.reason,
      requestedByMembershipId: actor.membershipId,
      requestedAt: now,
      override: !gate.passed,
      overrideJustification: gate.passed ? null : input.overrideJustification!.trim(),
      gateEvidence: gate,
    })
    .onConflictDoNothing()
    .returning({ id: stageChanges.id });
  if (!inserted[0]) throw new ConflictError(`${p.name} already has an advance waiting for sign-off.`);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: gate.passed ? "stage.requested" : "stage.overridden",
    target: { type: "persona", id: p.id, label: p.name },
    spaceId: input.spaceId,
    after: { from: p.stage, to, reason: input.reason, gatePassed: gate.passed, override: !gate.passed },
  });
  await notify(tx, { tenantId: actor.tenantId, spaceId: input.spaceId, personaId: p.id, subjectId: inserted[0].id, kind: "advance_waiting", title: `${p.name}: advance to ${stageLabel(to)} waits for sign-off`, body: input.reason, href: `/rollouts/${p.id}`, actorMembershipId: actor.membershipId });
  return { stageChangeId: inserted[0].id, to };
}

/**
 * An owner other than the requester signs off, and the stage changes. A tenant's
 * only owner may sign off their own request with a justification (an override).
 * The gate is checked again; a failing gate needs an override justification.
 * Concurrent sign-offs: the conditional updates let exactly one win.
 */
export async function signOffAdvance(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; stageChangeId: string; note: string; overrideJustification?: string; restoreSnapshot?: boolean },
  now = new Date(),
): Promise<{ to: Stage; restored: number }> {
  const [req] = await tx
    .select()
    .from(stageChanges)
    .where(and(eq(stageChanges.id, input.stageChangeId), eq(stageChanges.tenantId, actor.tenantId), eq(stageChanges.spaceId, input.spaceId)))
    .for("update");
  if (!req) throw new NotFoundError("That stage change");
  if (req.status !== "requested") throw new ConflictError(`This request was already ${req.status}.`);
  const justification = input.overrideJustification?.trim() || null;
  const selfSignOff = req.requestedByMembershipId === actor.membershipId;
  if (selfSignOff) {
    if ((await countOwners(tx, actor.tenantId)) > 1) throw new UserError("Another owner must sign off your own request.");
    if (!justification) throw new UserError("You are the only owner: signing off your own request needs a written justification.", { overrideJustification: ["Say why you sign off your own request."] });
  }
  const p = await loadPersona(tx, actor, input.spaceId, req.personaId, true);
  if (p.stage !== req.fromStage) throw new ConflictError(`${p.name} is no longer at ${stageLabel(req.fromStage)}; this request is out of date.`);
  const ev = await getGateEvidence(tx, actor.tenantId, p.id, now);
  const gate = evaluateGate(p.stage, ev!.evidence, gateThresholdsFor(p.gateThresholds, p.stage));
  if (!gate.passed && !justification && !req.override) {
    throw new UserError(`The gate fails now: ${failingList(gate)}. Override with a written justification, or reject the request.`, {
      overrideJustification: ["A failing gate needs a justification."],
    });
  }
  const override = req.override || !gate.passed || selfSignOff;
  // Offered when an earlier rollback from the target stage kept a snapshot; computed before this advance is applied.
  const restorePlan = input.restoreSnapshot ? await planSnapshotRestore(tx, actor.tenantId, p.id, req.toStage) : null;
  const moved = await tx
    .update(personas)
    .set({ stage: req.toStage, stageEnteredAt: now, updatedAt: now })
    .where(and(eq(personas.id, p.id), eq(personas.stage, req.fromStage)))
    .returning({ id: personas.id });
  if (!moved[0]) throw new ConflictError(`${p.name} changed stage meanwhile.`);
  await tx
    .update(stageChanges)
    .set({
      status: "applied",
      signedOffByMembershipId: actor.membershipId,
      signedOffAt: now,
      signOffNote: input.note,
      appliedAt: now,
      override,
      overrideJustification: justification ?? req.overrideJustification,
      gateEvidence: gate,
    })
    .where(and(eq(stageChanges.id, req.id), eq(stageChanges.status, "requested")));
  const target = { type: "persona", id: p.id, label: p.name };
  await recordAudit(tx, { tenantId: actor.tenantId, actor: auditActor(actor, role), verb: "stage.signed_off", target, spaceId: input.spaceId, after: { note: input.note, override } });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "stage.advanced",
    target,
    spaceId: input.spaceId,
    before: { stage: req.fromStage },
    after: { stage: req.toStage, override, justification, restoredFrom: restorePlan?.rollbackId ?? null },
  });
  const restored = restorePlan ? await applySnapshotRestore(tx, actor, role, { spaceId: input.spaceId, personaId: p.id, personaName: p.name, toStage: req.toStage }, restorePlan, now) : 0;
  return { to: req.toStage, restored };
}

export async function rejectAdvance(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; stageChangeId: string; note: string },
  now = new Date(),
): Promise<void> {
  const done = await tx
    .update(stageChanges)
    .set({ status: "rejected", signedOffByMembershipId: actor.membershipId, signedOffAt: now, signOffNote: input.note })
    .where(
      and(
        eq(stageChanges.id, input.stageChangeId),
        eq(stageChanges.tenantId, actor.tenantId),
        eq(stageChanges.spaceId, input.spaceId),
        eq(stageChanges.status, "requested"),
      ),
    )
    .returning({ personaId: stageChanges.personaId });
  if (!done[0]) throw new ConflictError("That request is no longer waiting for sign-off.");
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "stage.request_rejected",
    target: { type: "persona", id: done[0].personaId },
    spaceId: input.spaceId,
    after: { note: input.note },
  });
}

export interface RollbackPreview {
  from: Stage;
  to: Stage;
  rewrites: GrantRewrite[];
  maxApps: number | null;
  apps: { id: string; name: string }[];
}

async function loadGrants(db: Executor, tenantId: string, personaId: string) {
  return db
    .select({
      id: capabilityGrants.id,
      capabilityKey: capabilityGrants.capabilityKey,
      environment: capabilityGrants.environment,
      enabled: capabilityGrants.enabled,
      policies: capabilityGrants.policies,
    })
    .from(capabilityGrants)
    .where(and(eq(capabilityGrants.tenantId, tenantId), eq(capabilityGrants.personaId, personaId)));
}

/** Exactly what a rollback to the previous stage would change, before confirming. */
export async function previewRollback(db: Executor, actor: Actor, spaceId: string, personaId: string): Promise<RollbackPreview> {
  const p = await loadPersona(db, actor, spaceId, personaId);
  const to = previousStage(p.stage);
  if (!to) throw new UserError(`${p.name} is at ${stageLabel(p.stage)}, the first stage.`);
  const override = p.boundsOverride as SpaceBoundsOverride | null;
  const grants = await loadGrants(db, actor.tenantId, p.id);
  return {
    from: p.stage,
    to,
    rewrites: grantsExceedingBounds(grants, to, override),
    maxApps: resolveStageBounds(to, override).maxApps,
    apps: await appsExposing(db, actor.tenantId, p.id),
  };
}

/**
 * Roll back one stage, at once: grants above the lower stage's bounds are
 * rewritten in the same transaction (a snapshot of the old ones is kept in the
 * stage change), and only the apps the operator keeps (up to the limit) still
 * expose the persona. Takes effect on the runtime's next request.
 */
export async function rollbackStage(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; reason: string; keepAppIds: string[] },
  now = new Date(),
): Promise<{ to: Stage; rewritten: number }> {
  const p = await loadPersona(tx, actor, input.spaceId, input.personaId, true);
  const to = previousStage(p.stage);
  if (!to) throw new UserError(`${p.name} is at ${stageLabel(p.stage)}, the first stage.`);
  const override = p.boundsOverride as SpaceBoundsOverride | null;
  const bounds = resolveStageBounds(to, override);
  const exposed = await appsExposing(tx, actor.tenantId, p.id);
  const keep = exposed.filter((a) => input.keepAppIds.includes(a.id));
  if (input.keepAppIds.some((id) => !exposed.some((a) => a.id === id))) throw new UserError("Keep only apps that expose this persona now.");
  if (!appLimitAllows(bounds.maxApps, keep.length)) {
    throw new UserError(`${stageLabel(to)} allows at most ${bounds.maxApps} app${bounds.maxApps === 1 ? "" : "s"} to expose the persona; keep fewer.`, {
      keepAppIds: [`Choose at most ${bounds.maxApps}.`],
    });
  }
  const grants = await loadGrants(tx, actor.tenantId, p.id);
  const rewrites = grantsExceedingBounds(grants, to, override);
  const next = applyGrantRewrites(grants, rewrites);
  for (const g of next) {
    const old = grants.find((x) => x.id === g.id)!;
    if (old.enabled !== g.enabled || JSON.stringify(old.policies) !== JSON.stringify(g.policies)) {
      await tx
        .update(capabilityGrants)
        .set({ enabled: g.enabled, policies: g.policies as Record<string, Policy>, updatedAt: now })
        .where(eq(capabilityGrants.id, g.id));
    }
  }
  const dropped = exposed.filter((a) => !keep.includes(a));
  for (const a of dropped) {
    await tx.delete(personaApps).where(and(eq(personaApps.personaId, p.id), eq(personaApps.appId, a.id), eq(personaApps.tenantId, actor.tenantId)));
  }
  const moved = await tx
    .update(personas)
    .set({ stage: to, stageEnteredAt: now, updatedAt: now })
    .where(and(eq(personas.id, p.id), eq(personas.stage, p.stage)))
    .returning({ id: personas.id });
  if (!moved[0]) throw new ConflictError(`${p.name} changed stage meanwhile.`);
  // An advance still waiting is out of date now.
  await tx
    .update(stageChanges)
    .set({ status: "withdrawn" })
    .where(and(eq(stageChanges.personaId, p.id), eq(stageChanges.status, "requested")));
  await tx.insert(stageChanges).values({
    tenantId: actor.tenantId,
    spaceId: input.spaceId,
    personaId: p.id,
    kind: "rollback",
    fromStage: p.stage,
    toStage: to,
    status: "applied",
    reason: input.reason,
    requestedByMembershipId: actor.membershipId,
    requestedAt: now,
    appliedAt: now,
    grantSnapshot: { grants: grants.map(({ id: _id, ...g }) => g), apps: exposed },
    gateEvidence: { rewrites, droppedApps: dropped },
  });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "stage.rolled_back",
    target: { type: "persona", id: p.id, label: p.name },
    spaceId: input.spaceId,
    before: { stage: p.stage, apps: exposed.map((a) => a.name) },
    after: { stage: to, rewrites, apps: keep.map((a) => a.name), reason: input.reason },
  });
  return { to, rewritten: rewrites.length };
}

