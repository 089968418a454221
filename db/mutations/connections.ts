import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import { sealSecret } from "../../lib/crypto/secret-box";
import { getCapability } from "../../lib/domain/catalog";
import type { Environment, TenantRole } from "../../lib/domain/constants";
import { connectionSecretKey } from "../../lib/env";
import { NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { capabilityGrants, connections, spaces } from "../schema";

export type Credentials = Record<string, string>;

/** The additional data that binds a ciphertext to its row. */
export const connectionAad = (tenantId: string, connectionId: string) => `connection:${tenantId}:${connectionId}`;

function seal(tenantId: string, connectionId: string, credentials: Credentials): string {
  return sealSecret(JSON.stringify(credentials), connectionSecretKey(), connectionAad(tenantId, connectionId));
}

export async function insertConnection(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; type: string; name: string; environment: Environment; credentials: Credentials },
): Promise<{ id: string }> {
  const [space] = await tx
    .select({ environments: spaces.environments, archivedAt: spaces.archivedAt })
    .from(spaces)
    .where(and(eq(spaces.id, input.spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) throw new NotFoundError("That space");
  const capability = getCapability(input.type);
  if (!capability || capability.kind !== "connected") {
    throw new UserError("Some fields need attention.", { type: ["Pick a connected system type."] });
  }
  if (!space.environments.includes(input.environment)) {
    throw new UserError("Some fields need attention.", { environment: [`This space does not touch ${input.environment}.`] });
  }
  const [dup] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.tenantId, actor.tenantId),
        eq(connections.spaceId, input.spaceId),
        eq(connections.type, input.type),
        eq(connections.environment, input.environment),
      ),
    );
  if (dup) {
    throw new UserError("Some fields need attention.", {
      environment: [`This space already has a ${capability.name} connection for ${input.environment}; replace its credentials instead.`],
    });
  }
  const id = uuidv7();
  const now = new Date();
  await tx.insert(connections).values({
    id,
    tenantId: actor.tenantId,
    spaceId: input.spaceId,
    type: input.type,
    name: input.name,
    environment: input.environment,
    credentialsCiphertext: Object.keys(input.credentials).length ? seal(actor.tenantId, id, input.credentials) : null,
    credentialsUpdatedAt: Object.keys(input.credentials).length ? now : null,
  });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "connection.created",
    target: { type: "connection", id, label: input.name },
    spaceId: input.spaceId,
    // Never the values: only which credential fields were set.
    after: { type: input.type, name: input.name, environment: input.environment, credentialFields: Object.keys(input.credentials).sort() },
  });
  return { id };
}

async function loadConnection(tx: Tx, actor: Actor, spaceId: string, connectionId: string) {
  const [c] = await tx
    .select({ id: connections.id, type: connections.type, name: connections.name, environment: connections.environment })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.spaceId, spaceId), eq(connections.tenantId, actor.tenantId)))
    .for("update");
  if (!c) throw new NotFoundError("That connection");
  return c;
}

/** Replace a connection's credentials (and optionally its name). */
export async function replaceConnectionCredentials(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; connectionId: string; credentials: Credentials },
): Promise<{ id: string }> {
  const c = await loadConnection(tx, actor, input.spaceId, input.connectionId);
  if (Object.keys(input.credentials).length === 0) {
    throw new UserError("Some fields need attention.", { credentials: ["Enter the new credentials."] });
  }
  await tx
    .update(connections)
    .set({ credentialsCiphertext: seal(actor.tenantId, c.id, input.credentials), credentialsUpdatedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(connections.id, c.id), eq(connections.tenantId, actor.tenantId)));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "connection.credentials_replaced",
    target: { type: "connection", id: c.id, label: c.name },
    spaceId: input.spaceId,
    after: { credentialFields: Object.keys(input.credentials).sort() },
  });
  return { id: c.id };
}

/** Remove a connection; the capability of its type is disabled in its environment (audited). */
export async function removeConnection(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; connectionId: string },
): Promise<{ id: string; disabledGrants: number }> {
  const c = await loadConnection(tx, actor, input.spaceId, input.connectionId);
  await tx.delete(connections).where(and(eq(connections.id, c.id), eq(connections.tenantId, actor.tenantId)));
  const disabled = await tx
    .update(capabilityGrants)
    .set({ enabled: false, updatedAt: new Date() })
    .where(
      and(
        eq(capabilityGrants.tenantId, actor.tenantId),
        eq(capabilityGrants.spaceId, input.spaceId),
        eq(capabilityGrants.capabilityKey, c.type),
        eq(capabilityGrants.environment, c.environment),
        eq(capabilityGrants.enabled, true),
      ),
    )
    .returning({ id: capabilityGrants.id, personaId: capabilityGrants.personaId });
  const who = auditActor(actor, role);
  for (const g of disabled) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: "capability.disabled",
      target: { type: "capability_grant", id: g.id, label: `${c.type} · ${c.environment}` },
      spaceId: input.spaceId,
      before: { enabled: true },
      after: { enabled: false, personaId: g.personaId, because: "connection removed" },
    });
  }
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: who,
    verb: "connection.removed",
    target: { type: "connection", id: c.id, label: c.name },
    spaceId: input.spaceId,
    before: { type: c.type, name: c.name, environment: c.environment },
    after: { disabledGrants: disabled.length },
  });
  return { id: c.id, disabledGrants: disabled.length };
}
