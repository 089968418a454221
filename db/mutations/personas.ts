import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { SYSTEM_ACTOR, auditActor } from "../../lib/actor";
import type { TenantRole } from "../../lib/domain/constants";
import { appLimitAllows, resolveStageBounds, stageLabel, type SpaceBoundsOverride } from "../../lib/domain/stages";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { notifyActionChanged } from "../runtime/events";
import { recordAudit } from "../audit";
import { notify } from "../notifications/notify";
import type { Tx } from "../client";
import { actions, apps, incidents, memberships, memoryItems, personaApps, personas, spaces } from "../schema";

export interface PersonaFields {
  spaceId: string;
  name: string;
  purpose: string;
  /** Membership id of the accountable person, or null. */
  ownerMembershipId: string | null;
  /** Ids of the apps (in this space) that expose the persona. */
  appIds: string[];
}

async function loadSpace(tx: Tx, actor: Actor, spaceId: string) {
  const [space] = await tx
    .select({ id: spaces.id, name: spaces.name, boundsOverride: spaces.boundsOverride, archivedAt: spaces.archivedAt })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) throw new NotFoundError("That space");
  return space;
}

/** Checks the owner is a member of the actor's tenant and the apps live (unarchived) in the space. */
async function checkRefs(tx: Tx, actor: Actor, input: PersonaFields) {
  if (input.ownerMembershipId) {
    const [m] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.id, input.ownerMembershipId), eq(memberships.tenantId, actor.tenantId)));
    if (!m) throw new UserError("Some fields need attention.", { ownerMembershipId: ["Pick a member of this tenant."] });
  }
  if (input.appIds.length > 0) {
    const found = await tx
      .select({ id: apps.id })
      .from(apps)
      .where(
        and(
          eq(apps.tenantId, actor.tenantId),
          eq(apps.spaceId, input.spaceId),
          inArray(apps.id, input.appIds),
          isNull(apps.archivedAt),
        ),
      );
    if (found.length !== new Set(input.appIds).size) {
      throw new UserError("Some fields need attention.", { appIds: ["Pick apps of this space."] });
    }
  }
}

function checkAppLimit(stage: Parameters<typeof resolveStageBounds>[0], override: unknown, appCount: number) {
  const { maxApps } = resolveStageBounds(stage, (override ?? null) as SpaceBoundsOverride | null);
  if (!appLimitAllows(maxApps, appCount)) {
    throw new UserError("Some fields need attention.", {
      appIds: [
        `Stage ${stageLabel(stage)} allows at most ${maxApps} app${maxApps === 1 ? "" : "s"} to expose a persona (you picked ${appCount}).`,
      ],
    });
  }
}

/** Create a persona (stage pilot, active) in a space, with the apps that expose it. */
export async function insertPersona(tx: Tx, actor: Actor, role: TenantRole, input: PersonaFields): Promise<{ id: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  if (space.archivedAt) throw new ConflictError("This space is archived; it takes no new personas.");
  await checkRefs(tx, actor, input);
  checkAppLimit("pilot", space.boundsOverride, input.appIds.length);
  const [row] = await tx
    .insert(personas)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      name: input.name,
      purpose: input.purpose,
      ownerMembershipId: input.ownerMembershipId,
    })
    .returning({ id: personas.id });
  const id = row!.id;
  if (input.appIds.length > 0) {
    await tx.insert(personaApps).values(
      input.appIds.map((appId) => ({ tenantId: actor.tenantId, spaceId: input.spaceId, personaId: id, appId })),
    );
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "persona.created",
    target: { type: "persona", id, label: input.name },
    spaceId: input.spaceId,
    after: { name: input.name, purpose: input.purpose, ownerMembershipId: input.ownerMembershipId, appIds: input.appIds, stage: "pilot" },
  });
  return { id };
}

async function loadPersona(tx: Tx, actor: Actor, spaceId: string, personaId: string, lock = false) {
  const q = tx
    .select({
      id: personas.id,
      name: personas.name,
      purpose: personas.purpose,
      ownerMembershipId: personas.ownerMembershipId,
      status: personas.status,
      stage: personas.stage,
      archivedAt: personas.archivedAt,
    })
    .from(personas)
    .where(and(eq(personas.id, personaId), eq(personas.spaceId, spaceId), eq(personas.tenantId, actor.tenantId)));
  const [p] = lock ? await q.for("update") : await q;
  if (!p || p.archivedAt) throw new NotFoundError("That persona");
  return p;
}

/** Edit a persona's name, purpose, owner and exposing apps (the app count respects its stage). */
export async function updatePersona(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: PersonaFields & { personaId: string },
): Promise<{ id: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const before = await loadPersona(tx, actor, input.spaceId, input.personaId, true);
  await checkRefs(tx, actor, input);
  checkAppLimit(before.stage, space.boundsOverride, input.appIds.length);
  const currentApps = (
    await tx
      .select({ appId: personaApps.appId })
      .from(personaApps)
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.personaId, input.personaId)))
  ).map((r) => r.appId);
  await tx
    .update(personas)
    .set({ name: input.name, purpose: input.purpose, ownerMembershipId: input.ownerMembershipId, updatedAt: new Date() })
    .where(and(eq(personas.id, input.personaId), eq(personas.tenantId, actor.tenantId)));
  {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "persona.updated",
      target: { type: "persona", id: input.personaId, label: input.name },
      spaceId: input.spaceId,
      before: { name: before.name, purpose: before.purpose, ownerMembershipId: before.ownerMembershipId },
      after: { name: input.name, purpose: input.purpose, ownerMembershipId: input.ownerMembershipId },
    });
  }
  const next = [...new Set(input.appIds)].sort();
  const prev = [...currentApps].sort();
  if (next.join() !== prev.join()) {
    await tx
      .delete(personaApps)
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.personaId, input.personaId)));
    if (next.length > 0) {
      await tx.insert(personaApps).values(
        next.map((appId) => ({ tenantId: actor.tenantId, spaceId: input.spaceId, personaId: input.personaId, appId })),
      );
    }
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "persona.exposure_changed",
      target: { type: "persona", id: input.personaId, label: input.name },
      spaceId: input.spaceId,
      before: { appIds: prev },
      after: { appIds: next },
    });
  }
  return { id: input.personaId };
}

export interface PauseResult {
  personaId: string;
  incidentId: string;
  cancelledActions: number;
}

/**
 * Kill switch: pause a persona. Sets status paused, opens an incident with the reason, and
 * cancels its pending actions and its approved actions that have no outcome yet (decided by
 * `system`), each audited, all in the caller's transaction. Pausing a paused persona is a conflict.
 */
export async function pausePersona(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; reason: string },
): Promise<PauseResult> {
  const persona = await loadPersona(tx, actor, input.spaceId, input.personaId, true);
  if (persona.status === "paused") throw new ConflictError(`${persona.name} is already paused.`);
  const now = new Date();
  await tx
    .update(personas)
    .set({ status: "paused", pausedAt: now, updatedAt: now })
    .where(and(eq(personas.id, persona.id), eq(personas.tenantId, actor.tenantId), eq(personas.status, "active")));
  const [incident] = await tx
    .insert(incidents)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      personaId: persona.id,
      reason: input.reason,
      openedByMembershipId: actor.membershipId,
      openedAt: now,
    })
    .returning({ id: incidents.id });
  const cancelled = await tx
    .update(actions)
    .set({ status: "cancelled", decidedBy: "system", decidedAt: now, updatedAt: now })
    .where(
      and(
        eq(actions.tenantId, actor.tenantId),
        eq(actions.spaceId, input.spaceId),
        eq(actions.personaId, persona.id),
        or(eq(actions.status, "pending"), and(eq(actions.status, "approved"), isNull(actions.outcomeStatus))),
      ),
    )
    .returning({ id: actions.id, actionKey: actions.actionKey });
  const who = auditActor(actor, role);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: who,
    verb: "persona.paused",
    target: { type: "persona", id: persona.id, label: persona.name },
    spaceId: input.spaceId,
    before: { status: "active" },
    after: { status: "paused", reason: input.reason, incidentId: incident!.id, cancelledActions: cancelled.length },
  });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: who,
    verb: "incident.opened",
    target: { type: "incident", id: incident!.id, label: persona.name },
    spaceId: input.spaceId,
    after: { personaId: persona.id, reason: input.reason },
  });
  await notify(tx, { tenantId: actor.tenantId, spaceId: input.spaceId, personaId: persona.id, subjectId: incident!.id, kind: "persona_paused", title: `${persona.name} was paused`, body: input.reason, href: `/spaces/${input.spaceId}/personas/${persona.id}`, actorMembershipId: actor.membershipId });
  for (const a of cancelled) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: SYSTEM_ACTOR,
      verb: "action.cancelled",
      target: { type: "action", id: a.id, label: a.actionKey },
      spaceId: input.spaceId,
      after: { status: "cancelled", decidedBy: "system", because: "persona paused", incidentId: incident!.id },
    });
    // Long-polling runtimes learn it at commit (NOTIFY; PGlite: their periodic re-read).
    await notifyActionChanged(tx, a.id);
  }
  return { personaId: persona.id, incidentId: incident!.id, cancelledActions: cancelled.length };
}

/** Resume a paused persona with a resolution note; closes its open incident. */
export async function resumePersona(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; resolution: string },
): Promise<{ personaId: string; incidentId: string | null }> {
  const persona = await loadPersona(tx, actor, input.spaceId, input.personaId, true);
  if (persona.status !== "paused") throw new ConflictError(`${persona.name} is not paused.`);
  const now = new Date();
  await tx
    .update(personas)
    .set({ status: "active", pausedAt: null, updatedAt: now })
    .where(and(eq(personas.id, persona.id), eq(personas.tenantId, actor.tenantId)));
  const [incident] = await tx
    .update(incidents)
    .set({ status: "resolved", resolution: input.resolution, resolvedAt: now, resolvedByMembershipId: actor.membershipId })
    .where(and(eq(incidents.tenantId, actor.tenantId), eq(incidents.personaId, persona.id), eq(incidents.status, "open")))
    .returning({ id: incidents.id });
  const who = auditActor(actor, role);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: who,
    verb: "persona.resumed",
    target: { type: "persona", id: persona.id, label: persona.name },
    spaceId: input.spaceId,
    before: { status: "paused" },
    after: { status: "active", resolution: input.resolution },
  });
  if (incident) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: "incident.resolved",
      target: { type: "incident", id: incident.id, label: persona.name },
      spaceId: input.spaceId,
      after: { resolution: input.resolution },
    });
  }
  return { personaId: persona.id, incidentId: incident?.id ?? null };
}

/** Pause every active persona of a space with one reason (one incident each). */
export async function pauseAllPersonas(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; reason: string },
): Promise<{ paused: number; cancelledActions: number }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const active = await tx
    .select({ id: personas.id })
    .from(personas)
    .where(
      and(
        eq(personas.tenantId, actor.tenantId),
        eq(personas.spaceId, input.spaceId),
        eq(personas.status, "active"),
        isNull(personas.archivedAt),
      ),
    );
  if (active.length === 0) throw new ConflictError("No active persona to pause in this space.");
  let cancelledActions = 0;
  for (const p of active) {
    const r = await pausePersona(tx, actor, role, { spaceId: input.spaceId, personaId: p.id, reason: input.reason });
    cancelledActions += r.cancelledActions;
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "space.paused",
    target: { type: "space", id: space.id, label: space.name },
    spaceId: space.id,
    after: { reason: input.reason, personasPaused: active.length, cancelledActions },
  });
  return { paused: active.length, cancelledActions };
}

/** An operator deletes one memory item of a persona (audited; the key, never the value). */
export async function deleteMemoryItem(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; memoryItemId: string },
): Promise<void> {
  const gone = await tx
    .delete(memoryItems)
    .where(
      and(
        eq(memoryItems.id, input.memoryItemId),
        eq(memoryItems.tenantId, actor.tenantId),
        eq(memoryItems.spaceId, input.spaceId),
        eq(memoryItems.personaId, input.personaId),
      ),
    )
    .returning({ key: memoryItems.key, environment: memoryItems.environment, version: memoryItems.version });
  if (!gone[0]) throw new NotFoundError("That memory item");
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "memory.deleted",
    target: { type: "memory", id: input.memoryItemId, label: gone[0].key },
    spaceId: input.spaceId,
    before: { environment: gone[0].environment, version: gone[0].version, personaId: input.personaId },
  });
}
