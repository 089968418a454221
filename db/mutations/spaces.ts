import { and, eq } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import type { Environment, RuntimeHosting, TenantRole } from "../../lib/domain/constants";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { memberships, spaceGrants, spaces, teams } from "../schema";
import { revokeTokens } from "./tokens";

export interface NewSpace {
  name: string;
  description: string;
  environments: Environment[];
}

/**
 * Create a space in the actor's tenant. A non-owner creator gets an `operator`
 * grant to it in the same transaction (owners see every space anyway).
 */
export async function insertSpace(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: NewSpace,
): Promise<{ id: string }> {
  const [space] = await tx
    .insert(spaces)
    .values({
      tenantId: actor.tenantId,
      name: input.name,
      description: input.description,
      environments: input.environments,
    })
    .returning({ id: spaces.id });
  const id = space!.id;
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "space.created",
    target: { type: "space", id, label: input.name },
    spaceId: id,
    after: input,
  });
  if (actor.tenantRole !== "owner") {
    const [grant] = await tx
      .insert(spaceGrants)
      .values({ tenantId: actor.tenantId, spaceId: id, membershipId: actor.membershipId, role: "operator" })
      .returning({ id: spaceGrants.id });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "grant.created",
      target: { type: "space_grant", id: grant!.id, label: actor.email },
      spaceId: id,
      after: { role: "operator", reason: "creator of the space" },
    });
  }
  return { id };
}

export interface SpaceSettings {
  spaceId: string;
  name: string;
  description: string;
  environments: Environment[];
  /** `member:<membershipId>`, `team:<teamId>` or null. */
  runtimeOwner: { kind: "member" | "team"; id: string } | null;
  runtimeHosting: RuntimeHosting;
}

async function loadSpaceForUpdate(tx: Tx, actor: Actor, spaceId: string) {
  const [space] = await tx
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      environments: spaces.environments,
      runtimeOwnerMembershipId: spaces.runtimeOwnerMembershipId,
      runtimeOwnerTeamId: spaces.runtimeOwnerTeamId,
      runtimeHosting: spaces.runtimeHosting,
      archivedAt: spaces.archivedAt,
    })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)))
    .for("update");
  if (!space) throw new NotFoundError("That space");
  if (space.archivedAt) throw new ConflictError("This space is archived.");
  return space;
}

/**
 * Rename, describe, set environments, runtime owner and hosting. Removing an environment
 * revokes the space's live tokens for it (audited).
 */
export async function updateSpaceSettings(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: SpaceSettings,
): Promise<{ id: string; revokedTokens: number }> {
  const before = await loadSpaceForUpdate(tx, actor, input.spaceId);
  let runtimeOwnerMembershipId: string | null = null;
  let runtimeOwnerTeamId: string | null = null;
  if (input.runtimeOwner?.kind === "member") {
    const [m] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.id, input.runtimeOwner.id), eq(memberships.tenantId, actor.tenantId)));
    if (!m) throw new UserError("Some fields need attention.", { runtimeOwner: ["Pick a member or team of this tenant."] });
    runtimeOwnerMembershipId = m.id;
  } else if (input.runtimeOwner?.kind === "team") {
    const [t] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, input.runtimeOwner.id), eq(teams.tenantId, actor.tenantId)));
    if (!t) throw new UserError("Some fields need attention.", { runtimeOwner: ["Pick a member or team of this tenant."] });
    runtimeOwnerTeamId = t.id;
  }
  await tx
    .update(spaces)
    .set({
      name: input.name,
      description: input.description,
      environments: input.environments,
      runtimeOwnerMembershipId,
      runtimeOwnerTeamId,
      runtimeHosting: input.runtimeHosting,
      updatedAt: new Date(),
    })
    .where(and(eq(spaces.id, input.spaceId), eq(spaces.tenantId, actor.tenantId)));
  const removed = before.environments.filter((e) => !input.environments.includes(e));
  const revokedTokens = (
    await revokeTokens(tx, actor, role, { spaceId: input.spaceId, environments: removed }, "environment removed from the space")
  ).length;
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "space.updated",
    target: { type: "space", id: input.spaceId, label: input.name },
    spaceId: input.spaceId,
    before: {
      name: before.name,
      description: before.description,
      environments: before.environments,
      runtimeOwnerMembershipId: before.runtimeOwnerMembershipId,
      runtimeOwnerTeamId: before.runtimeOwnerTeamId,
      runtimeHosting: before.runtimeHosting,
    },
    after: {
      name: input.name,
      description: input.description,
      environments: input.environments,
      runtimeOwnerMembershipId,
      runtimeOwnerTeamId,
      runtimeHosting: input.runtimeHosting,
      revokedTokens,
    },
  });
  return { id: input.spaceId, revokedTokens };
}

/** Archive a space: it leaves the lists and every live token of it is revoked (audited). */
export async function archiveSpace(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; reason: string },
): Promise<{ id: string; revokedTokens: number }> {
  const space = await loadSpaceForUpdate(tx, actor, input.spaceId);
  const now = new Date();
  await tx
    .update(spaces)
    .set({ status: "archived", archivedAt: now, updatedAt: now })
    .where(and(eq(spaces.id, space.id), eq(spaces.tenantId, actor.tenantId)));
  const revokedTokens = (await revokeTokens(tx, actor, role, { spaceId: space.id }, "space archived")).length;
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "space.archived",
    target: { type: "space", id: space.id, label: space.name },
    spaceId: space.id,
    after: { reason: input.reason, revokedTokens },
  });
  return { id: space.id, revokedTokens };
}
