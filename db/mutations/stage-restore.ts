/**
 * Restoring a rollback's grant snapshot on a later re-advance (design.md, "Rollout stages":
 * "a later re-advance can offer to restore them"). The snapshot is clipped to the new stage's
 * bounds (and the space's environments and connections) before anything is written.
 */
import { and, desc, eq } from "drizzle-orm";
import { auditActor, type Actor } from "../../lib/actor";
import { getCapability } from "../../lib/domain/catalog";
import type { Environment, Policy, Stage, TenantRole } from "../../lib/domain/constants";
import { applyGrantRewrites, checkGrantWithinBounds, grantsExceedingBounds, resolveStageBounds, type SpaceBoundsOverride } from "../../lib/domain/stages";
import { recordAudit } from "../audit";
import type { Executor, Tx } from "../client";
import { appsExposing } from "../queries/personas-exposure";
import { apps, capabilityGrants, connections, personaApps, personas, spaces, stageChanges } from "../schema";

interface SnapshotGrant {
  capabilityKey: string;
  environment: Environment;
  enabled: boolean;
  policies: Record<string, Policy>;
}

export interface RestoreChange {
  grantId: string | null;
  capabilityKey: string;
  capabilityName: string;
  environment: Environment;
  before: { enabled: boolean; policies: Record<string, Policy> } | null;
  after: { enabled: boolean; policies: Record<string, Policy> };
  /** Why the restored grant is lower than the snapshot (the new bounds, the space), if it is. */
  clipped: string | null;
}

export interface RestorePlan {
  rollbackId: string;
  rolledBackAt: Date;
  /** Grants that would change, each clipped to the stage being advanced to. */
  changes: RestoreChange[];
  /** Apps that exposed the persona before the rollback and would expose it again (within the stage's app limit). */
  apps: { id: string; name: string }[];
  /** Apps of the snapshot left out: archived since, or over the stage's app limit. */
  appsLeftOut: { name: string; why: string }[];
}

function snapshotApps(snapshot: unknown): { id: string; name: string }[] {
  const list = snapshot && typeof snapshot === "object" ? (snapshot as { apps?: unknown }).apps : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((a): a is { id: string; name: string } => !!a && typeof a === "object" && typeof a.id === "string" && typeof a.name === "string");
}

function snapshotGrants(snapshot: unknown): SnapshotGrant[] {
  const grants = snapshot && typeof snapshot === "object" ? (snapshot as { grants?: unknown }).grants : undefined;
  if (!Array.isArray(grants)) return [];
  return grants.filter(
    (g): g is SnapshotGrant =>
      !!g && typeof g === "object" && typeof g.capabilityKey === "string" && typeof g.environment === "string" && typeof g.enabled === "boolean" && !!g.policies && typeof g.policies === "object",
  );
}

const same = (a: { enabled: boolean; policies: Record<string, Policy> }, b: { enabled: boolean; policies: Record<string, Policy> }) =>
  a.enabled === b.enabled && JSON.stringify(Object.entries(a.policies).sort()) === JSON.stringify(Object.entries(b.policies).sort());

/**
 * What restoring the snapshot of the latest rollback *from* `toStage` would change, when the
 * persona advances to `toStage` again. Null when there is no such rollback, or the persona was
 * already advanced to `toStage` after it (the snapshot was offered then).
 */
export async function planSnapshotRestore(db: Executor, tenantId: string, personaId: string, toStage: Stage): Promise<RestorePlan | null> {
  const history = await db
    .select({ id: stageChanges.id, kind: stageChanges.kind, from: stageChanges.fromStage, to: stageChanges.toStage, status: stageChanges.status, appliedAt: stageChanges.appliedAt, snapshot: stageChanges.grantSnapshot })
    .from(stageChanges)
    .where(and(eq(stageChanges.tenantId, tenantId), eq(stageChanges.personaId, personaId), eq(stageChanges.status, "applied")))
    .orderBy(desc(stageChanges.appliedAt));
  let rollback: (typeof history)[number] | undefined;
  for (const c of history) {
    if (c.kind === "advance" && c.to === toStage) return null; // already re-advanced since
    if (c.kind === "rollback" && c.from === toStage) {
      rollback = c;
      break;
    }
  }
  if (!rollback || !rollback.appliedAt) return null;
  const snap = snapshotGrants(rollback.snapshot);
  const snapApps = snapshotApps(rollback.snapshot);
  if (snap.length === 0 && snapApps.length === 0) return null;

  const [ctx] = await db
    .select({ spaceId: personas.spaceId, environments: spaces.environments, boundsOverride: spaces.boundsOverride })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.id, personaId), eq(personas.tenantId, tenantId)));
  if (!ctx) return null;
  const override = (ctx.boundsOverride ?? null) as SpaceBoundsOverride | null;
  const current = await db
    .select({ id: capabilityGrants.id, capabilityKey: capabilityGrants.capabilityKey, environment: capabilityGrants.environment, enabled: capabilityGrants.enabled, policies: capabilityGrants.policies })
    .from(capabilityGrants)
    .where(and(eq(capabilityGrants.tenantId, tenantId), eq(capabilityGrants.personaId, personaId)));
  const conns = await db
    .select({ type: connections.type, environment: connections.environment })
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.spaceId, ctx.spaceId)));

  const changes: RestoreChange[] = [];
  for (const g of snap) {
    const capability = getCapability(g.capabilityKey);
    if (!capability) continue;
    let clipped: string | null = null;
    let enabled = g.enabled;
    if (enabled && !ctx.environments.includes(g.environment)) {
      enabled = false;
      clipped = `this space no longer touches ${g.environment}`;
    }
    if (enabled && capability.kind === "connected" && !conns.some((c) => c.type === capability.key && c.environment === g.environment)) {
      enabled = false;
      clipped = `no ${capability.name} connection for ${g.environment}`;
    }
    const [rewrite] = grantsExceedingBounds([{ ...g, enabled }], toStage, override);
    const [fitted] = applyGrantRewrites([{ ...g, enabled }], rewrite ? [rewrite] : []);
    if (rewrite) clipped = rewrite.disableReason ?? `kept within the stage: ${rewrite.policyChanges.map((c) => `${c.actionKey} ${c.to}`).join(", ")}`;
    const after = { enabled: fitted!.enabled, policies: { ...fitted!.policies } };
    // Belt and braces: never write a grant above the bounds.
    if (!checkGrantWithinBounds({ capabilityKey: g.capabilityKey, environment: g.environment, ...after, stage: toStage, override }).ok) continue;
    const existing = current.find((c) => c.capabilityKey === g.capabilityKey && c.environment === g.environment);
    const before = existing ? { enabled: existing.enabled, policies: existing.policies as Record<string, Policy> } : null;
    if (before && same(before, after)) continue;
    if (!before && !after.enabled) continue;
    changes.push({ grantId: existing?.id ?? null, capabilityKey: g.capabilityKey, capabilityName: capability.name, environment: g.environment, before, after, clipped });
  }

  // Apps: those of the snapshot that no longer expose the persona, still live in this space, up to the stage's limit.
  const exposing = await appsExposing(db, tenantId, personaId);
  const live = snapApps.length
    ? await db
        .select({ id: apps.id, name: apps.name, archivedAt: apps.archivedAt })
        .from(apps)
        .where(and(eq(apps.tenantId, tenantId), eq(apps.spaceId, ctx.spaceId)))
    : [];
  const maxApps = resolveStageBounds(toStage, override).maxApps;
  let room = maxApps === null ? Number.POSITIVE_INFINITY : Math.max(0, maxApps - exposing.length);
  const restoreApps: { id: string; name: string }[] = [];
  const appsLeftOut: { name: string; why: string }[] = [];
  for (const a of snapApps) {
    if (exposing.some((e) => e.id === a.id)) continue;
    const row = live.find((l) => l.id === a.id);
    if (!row || row.archivedAt) {
      appsLeftOut.push({ name: a.name, why: "archived since" });
    } else if (room <= 0) {
      appsLeftOut.push({ name: row.name, why: `the stage allows at most ${maxApps} app${maxApps === 1 ? "" : "s"}` });
    } else {
      restoreApps.push({ id: row.id, name: row.name });
      room -= 1;
    }
  }
  return { rollbackId: rollback.id, rolledBackAt: rollback.appliedAt, changes, apps: restoreApps, appsLeftOut };
}

/** Applies a restore plan in the caller's transaction; one audit event per restored grant. */
export async function applySnapshotRestore(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  ctx: { spaceId: string; personaId: string; personaName: string; toStage: Stage },
  plan: RestorePlan,
  now = new Date(),
): Promise<number> {
  const who = auditActor(actor, role);
  for (const c of plan.changes) {
    let grantId = c.grantId;
    if (grantId) {
      await tx
        .update(capabilityGrants)
        .set({ enabled: c.after.enabled, policies: c.after.policies, updatedAt: now })
        .where(and(eq(capabilityGrants.id, grantId), eq(capabilityGrants.tenantId, actor.tenantId)));
    } else {
      const [row] = await tx
        .insert(capabilityGrants)
        .values({ tenantId: actor.tenantId, spaceId: ctx.spaceId, personaId: ctx.personaId, capabilityKey: c.capabilityKey, environment: c.environment, enabled: c.after.enabled, policies: c.after.policies })
        .returning({ id: capabilityGrants.id });
      grantId = row!.id;
    }
    const enabledChanged = (c.before?.enabled ?? false) !== c.after.enabled;
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: enabledChanged ? (c.after.enabled ? "capability.enabled" : "capability.disabled") : "capability.policy_changed",
      target: { type: "capability_grant", id: grantId, label: `${ctx.personaName} · ${c.capabilityName} · ${c.environment}` },
      spaceId: ctx.spaceId,
      before: c.before,
      after: { ...c.after, personaId: ctx.personaId, capabilityKey: c.capabilityKey, environment: c.environment, restoredFrom: plan.rollbackId, stage: ctx.toStage, clipped: c.clipped },
    });
  }
  if (plan.apps.length > 0) {
    const before = await appsExposing(tx, actor.tenantId, ctx.personaId);
    await tx
      .insert(personaApps)
      .values(plan.apps.map((a) => ({ tenantId: actor.tenantId, spaceId: ctx.spaceId, personaId: ctx.personaId, appId: a.id })))
      .onConflictDoNothing();
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: "persona.exposure_changed",
      target: { type: "persona", id: ctx.personaId, label: ctx.personaName },
      spaceId: ctx.spaceId,
      before: { appIds: before.map((a) => a.id).sort() },
      after: { appIds: [...before.map((a) => a.id), ...plan.apps.map((a) => a.id)].sort(), restoredFrom: plan.rollbackId },
    });
  }
  return plan.changes.length + plan.apps.length;
}
