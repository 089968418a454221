import { and, eq } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { Executor } from "../client";
import { connections } from "../schema";

/** `type:environment` of every connection of a space (no credentials). */
export async function listSpaceConnectionKeys(db: Executor, actor: Actor, spaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ type: connections.type, environment: connections.environment })
    .from(connections)
    .where(and(eq(connections.tenantId, actor.tenantId), eq(connections.spaceId, spaceId)));
  return new Set(rows.map((r) => `${r.type}:${r.environment}`));
}

/** One connection of a space, without its credentials (only whether they are set and when). */
export async function getConnectionDetail(db: Executor, actor: Actor, spaceId: string, connectionId: string) {
  const [c] = await db
    .select({
      id: connections.id,
      type: connections.type,
      name: connections.name,
      environment: connections.environment,
      credentialsUpdatedAt: connections.credentialsUpdatedAt,
      createdAt: connections.createdAt,
    })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.spaceId, spaceId), eq(connections.tenantId, actor.tenantId)));
  return c ? { ...c, credentialsSet: c.credentialsUpdatedAt !== null } : null;
}
