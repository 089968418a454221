import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import type { AppKind, TenantRole } from "../../lib/domain/constants";
import { appLimitAllows, resolveStageBounds, stageLabel, type SpaceBoundsOverride } from "../../lib/domain/stages";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { apps, personaApps, personas, spaces } from "../schema";
import { revokeTokens } from "./tokens";

export interface AppFields {
  spaceId: string;
  name: string;
  kind: AppKind;
  description: string;
  /** Personas (of this space) this app exposes. */
  personaIds: string[];
}

async function loadSpace(tx: Tx, actor: Actor, spaceId: string) {
  const [space] = await tx
    .select({ id: spaces.id, name: spaces.name, boundsOverride: spaces.boundsOverride, archivedAt: spaces.archivedAt })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) throw new NotFoundError("That space");
  return space;
}

async function loadApp(tx: Tx, actor: Actor, spaceId: string, appId: string) {
  const [app] = await tx
    .select({ id: apps.id, name: apps.name, kind: apps.kind, description: apps.description, archivedAt: apps.archivedAt })
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.spaceId, spaceId), eq(apps.tenantId, actor.tenantId)))
    .for("update");
  if (!app || app.archivedAt) throw new NotFoundError("That app");
  return app;
}

/**
 * Set which personas an app exposes. A persona gaining this app must stay within its stage's
 * maximum number of apps (resolveStageBounds(stage).maxApps).
 */
async function setExposure(tx: Tx, actor: Actor, spaceId: string, appId: string, personaIds: string[], override: unknown) {
  const wanted = [...new Set(personaIds)];
  const rows = wanted.length
    ? await tx
        .select({ id: personas.id, name: personas.name, stage: personas.stage })
        .from(personas)
        .where(
          and(
            eq(personas.tenantId, actor.tenantId),
            eq(personas.spaceId, spaceId),
            inArray(personas.id, wanted),
            isNull(personas.archivedAt),
          ),
        )
    : [];
  if (rows.length !== wanted.length) {
    throw new UserError("Some fields need attention.", { personaIds: ["Pick personas of this space."] });
  }
  const current = (
    await tx
      .select({ personaId: personaApps.personaId })
      .from(personaApps)
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.appId, appId)))
  ).map((r) => r.personaId);
  const added = rows.filter((p) => !current.includes(p.id));
  for (const p of added) {
    const exposed = await tx
      .select({ appId: personaApps.appId })
      .from(personaApps)
      .innerJoin(apps, and(eq(apps.id, personaApps.appId), eq(apps.tenantId, personaApps.tenantId)))
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.personaId, p.id), isNull(apps.archivedAt)));
    const { maxApps } = resolveStageBounds(p.stage, (override ?? null) as SpaceBoundsOverride | null);
    if (!appLimitAllows(maxApps, exposed.length + 1)) {
      throw new UserError("Some fields need attention.", {
        personaIds: [
          `${p.name} is at stage ${stageLabel(p.stage)}, which allows at most ${maxApps} app${maxApps === 1 ? "" : "s"}; it is already exposed through ${exposed.length}.`,
        ],
      });
    }
  }
  const removed = current.filter((id) => !wanted.includes(id));
  if (removed.length) {
    await tx
      .delete(personaApps)
      .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.appId, appId), inArray(personaApps.personaId, removed)));
  }
  if (added.length) {
    await tx
      .insert(personaApps)
      .values(added.map((p) => ({ tenantId: actor.tenantId, spaceId, personaId: p.id, appId })));
  }
  return { before: current.sort(), after: wanted.sort(), changed: added.length > 0 || removed.length > 0 };
}

export async function insertApp(tx: Tx, actor: Actor, role: TenantRole, input: AppFields): Promise<{ id: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  if (space.archivedAt) throw new ConflictError("This space is archived; it takes no new apps.");
  const [row] = await tx
    .insert(apps)
    .values({ tenantId: actor.tenantId, spaceId: input.spaceId, name: input.name, kind: input.kind, description: input.description })
    .returning({ id: apps.id });
  const id = row!.id;
  const exposure = await setExposure(tx, actor, input.spaceId, id, input.personaIds, space.boundsOverride);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "app.created",
    target: { type: "app", id, label: input.name },
    spaceId: input.spaceId,
    after: { name: input.name, kind: input.kind, description: input.description, personaIds: exposure.after },
  });
  return { id };
}

export async function updateApp(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: AppFields & { appId: string },
): Promise<{ id: string }> {
  const space = await loadSpace(tx, actor, input.spaceId);
  const before = await loadApp(tx, actor, input.spaceId, input.appId);
  await tx
    .update(apps)
    .set({ name: input.name, kind: input.kind, description: input.description, updatedAt: new Date() })
    .where(and(eq(apps.id, input.appId), eq(apps.tenantId, actor.tenantId)));
  const exposure = await setExposure(tx, actor, input.spaceId, input.appId, input.personaIds, space.boundsOverride);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "app.updated",
    target: { type: "app", id: input.appId, label: input.name },
    spaceId: input.spaceId,
    before: { name: before.name, kind: before.kind, description: before.description, personaIds: exposure.before },
    after: { name: input.name, kind: input.kind, description: input.description, personaIds: exposure.after },
  });
  return { id: input.appId };
}

/** Archive an app: it stops exposing personas and its runtime tokens are revoked (audited). */
export async function archiveApp(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; appId: string },
): Promise<{ id: string; revokedTokens: number }> {
  const app = await loadApp(tx, actor, input.spaceId, input.appId);
  const now = new Date();
  await tx
    .update(apps)
    .set({ archivedAt: now, updatedAt: now })
    .where(and(eq(apps.id, app.id), eq(apps.tenantId, actor.tenantId)));
  const unexposed = await tx
    .delete(personaApps)
    .where(and(eq(personaApps.tenantId, actor.tenantId), eq(personaApps.appId, app.id)))
    .returning({ personaId: personaApps.personaId });
  const revokedTokens = (await revokeTokens(tx, actor, role, { spaceId: input.spaceId, appId: app.id }, "app archived")).length;
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "app.archived",
    target: { type: "app", id: app.id, label: app.name },
    spaceId: input.spaceId,
    after: { archivedAt: now, revokedTokens, personaIdsNoLongerExposed: unexposed.map((u) => u.personaId) },
  });
  return { id: app.id, revokedTokens };
}
