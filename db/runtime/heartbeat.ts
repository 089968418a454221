import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { runtimeInstances } from "../schema";
import type { RuntimeTokenContext } from "./auth";

/**
 * Record that a runtime instance is live (upsert on app + environment + instance).
 * Liveness telemetry, not a change of state: no audit event (there is no verb for it).
 */
export async function recordHeartbeat(
  db: Db,
  token: Pick<RuntimeTokenContext, "tokenId" | "tenantId" | "spaceId" | "appId" | "environment">,
  hb: { instanceId: string; version: string; personaIds: string[] },
  now = new Date(),
): Promise<void> {
  await db
    .insert(runtimeInstances)
    .values({
      tenantId: token.tenantId,
      spaceId: token.spaceId,
      appId: token.appId,
      environment: token.environment,
      instanceId: hb.instanceId,
      version: hb.version,
      personaIds: hb.personaIds,
      tokenId: token.tokenId,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .onConflictDoUpdate({
      target: [runtimeInstances.appId, runtimeInstances.environment, runtimeInstances.instanceId],
      set: {
        version: hb.version,
        personaIds: sql`excluded.persona_ids`,
        tokenId: token.tokenId,
        lastSeenAt: now,
      },
    });
}
