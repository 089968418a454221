import { and, asc, count, eq } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { Environment } from "../../lib/domain/constants";
import type { Executor } from "../client";
import { apps, memoryItems } from "../schema";

export interface MemoryRow {
  id: string;
  environment: Environment;
  key: string;
  /** First characters of the JSON value; null when the actor may not read values. */
  preview: string | null;
  version: number;
  updatedAt: Date;
  appName: string | null;
}

/**
 * A persona's memory, per environment (the caller checked access to the space).
 * Without `withValues` (viewers) only counts per environment are returned.
 */
export async function listPersonaMemory(
  db: Executor,
  actor: Actor,
  spaceId: string,
  personaId: string,
  opts: { withValues: boolean; limit?: number },
): Promise<{ counts: Partial<Record<Environment, number>>; items: MemoryRow[] }> {
  const scope = and(eq(memoryItems.tenantId, actor.tenantId), eq(memoryItems.spaceId, spaceId), eq(memoryItems.personaId, personaId));
  const countRows = await db
    .select({ environment: memoryItems.environment, n: count() })
    .from(memoryItems)
    .where(scope)
    .groupBy(memoryItems.environment);
  const counts = Object.fromEntries(countRows.map((r) => [r.environment, r.n])) as Partial<Record<Environment, number>>;
  if (!opts.withValues) return { counts, items: [] };
  const rows = await db
    .select({
      id: memoryItems.id,
      environment: memoryItems.environment,
      key: memoryItems.key,
      value: memoryItems.value,
      version: memoryItems.version,
      updatedAt: memoryItems.updatedAt,
      appName: apps.name,
    })
    .from(memoryItems)
    .leftJoin(apps, and(eq(apps.id, memoryItems.updatedByAppId), eq(apps.tenantId, memoryItems.tenantId)))
    .where(scope)
    .orderBy(asc(memoryItems.environment), asc(memoryItems.key))
    .limit(opts.limit ?? 500);
  return {
    counts,
    items: rows.map(({ value, ...r }) => {
      const text = JSON.stringify(value);
      return { ...r, preview: text.length > 120 ? `${text.slice(0, 117)}…` : text };
    }),
  };
}
