import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import type { Environment, TenantRole } from "../../lib/domain/constants";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { spaceGrants, spaces } from "../schema";

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
