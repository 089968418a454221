import { and, asc, eq, gt, like, sql } from "drizzle-orm";
import { auditedTransaction, recordAudit } from "../audit";
import type { Db, Executor } from "../client";
import { memoryItems } from "../schema";
import type { RuntimeTokenContext } from "./auth";
import { tokenActor } from "./actions";

type Scope = Pick<RuntimeTokenContext, "tokenId" | "tokenName" | "tenantId" | "spaceId" | "appId" | "environment">;

export interface MemoryItemView {
  key: string;
  value: unknown;
  version: number;
  updatedAt: string;
}

const cols = { key: memoryItems.key, value: memoryItems.value, version: memoryItems.version, updatedAt: memoryItems.updatedAt };
const view = (r: { key: string; value: unknown; version: number; updatedAt: Date }): MemoryItemView => ({
  key: r.key,
  value: r.value,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

function where(scope: Scope, personaId: string) {
  return and(
    eq(memoryItems.tenantId, scope.tenantId),
    eq(memoryItems.spaceId, scope.spaceId),
    eq(memoryItems.personaId, personaId),
    eq(memoryItems.environment, scope.environment),
  );
}

export async function getMemoryItem(db: Executor, scope: Scope, personaId: string, key: string): Promise<MemoryItemView | null> {
  const [row] = await db.select(cols).from(memoryItems).where(and(where(scope, personaId), eq(memoryItems.key, key))).limit(1);
  return row ? view(row) : null;
}

/** Items by key order (keyset on key), optionally under a prefix. */
export async function listMemoryItems(
  db: Executor,
  scope: Scope,
  personaId: string,
  q: { prefix?: string; afterKey?: string; limit: number },
): Promise<{ items: MemoryItemView[]; nextKey: string | null }> {
  const conds = [where(scope, personaId)];
  if (q.prefix) conds.push(like(memoryItems.key, `${q.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.afterKey) conds.push(gt(memoryItems.key, q.afterKey));
  const rows = await db
    .select(cols)
    .from(memoryItems)
    .where(and(...conds))
    .orderBy(sql`${memoryItems.key} collate "C"`, asc(memoryItems.key))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page.map(view), nextKey: rows.length > q.limit ? page[page.length - 1]!.key : null };
}

export type MemoryWriteResult = { kind: "ok"; item: MemoryItemView } | { kind: "precondition_failed" } | { kind: "not_found" };

/** Write a value; with `ifMatch`, only over that version (stale → precondition_failed). */
export async function putMemoryItem(
  db: Db,
  scope: Scope,
  personaId: string,
  key: string,
  value: unknown,
  ifMatch: number | null,
  now = new Date(),
): Promise<MemoryWriteResult> {
  return auditedTransaction(
    db,
    async (tx): Promise<MemoryWriteResult> => {
      let row: { key: string; value: unknown; version: number; updatedAt: Date } | undefined;
      let before: number | null = null;
      if (ifMatch !== null) {
        [row] = await tx
          .update(memoryItems)
          .set({ value, version: sql`${memoryItems.version} + 1`, updatedAt: now, updatedByAppId: scope.appId })
          .where(and(where(scope, personaId), eq(memoryItems.key, key), eq(memoryItems.version, ifMatch)))
          .returning(cols);
        if (!row) return { kind: "precondition_failed" };
        before = ifMatch;
      } else {
        [row] = await tx
          .insert(memoryItems)
          .values({
            tenantId: scope.tenantId,
            spaceId: scope.spaceId,
            personaId,
            environment: scope.environment,
            key,
            value,
            version: 1,
            updatedByAppId: scope.appId,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [memoryItems.personaId, memoryItems.environment, memoryItems.key],
            set: { value, version: sql`${memoryItems.version} + 1`, updatedAt: now, updatedByAppId: scope.appId },
          })
          .returning(cols);
        before = row!.version > 1 ? row!.version - 1 : null;
      }
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actor: tokenActor(scope),
        verb: "memory.written",
        target: { type: "memory", id: personaId, label: key },
        spaceId: scope.spaceId,
        before: before === null ? null : { version: before },
        after: { key, environment: scope.environment, version: row!.version, appId: scope.appId },
      });
      return { kind: "ok", item: view(row!) };
    },
    { requireAudit: false },
  );
}

export async function deleteMemoryItem(
  db: Db,
  scope: Scope,
  personaId: string,
  key: string,
  ifMatch: number | null,
): Promise<MemoryWriteResult> {
  return auditedTransaction(
    db,
    async (tx): Promise<MemoryWriteResult> => {
      const conds = [where(scope, personaId), eq(memoryItems.key, key)];
      if (ifMatch !== null) conds.push(eq(memoryItems.version, ifMatch));
      const [row] = await tx.delete(memoryItems).where(and(...conds)).returning(cols);
      if (!row) {
        if (ifMatch === null) return { kind: "not_found" };
        const exists = await getMemoryItem(tx, scope, personaId, key);
        return exists ? { kind: "precondition_failed" } : { kind: "not_found" };
      }
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actor: tokenActor(scope),
        verb: "memory.deleted",
        target: { type: "memory", id: personaId, label: key },
        spaceId: scope.spaceId,
        before: { key, environment: scope.environment, version: row.version },
      });
      return { kind: "ok", item: view(row) };
    },
    { requireAudit: false },
  );
}
