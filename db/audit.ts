import { and, asc, eq, gt, sql } from "drizzle-orm";
import {
  ChainVerifier,
  GENESIS_HASH,
  chainHash,
  payloadText,
  redact,
  type AuditActor,
  type AuditPayload,
  type AuditTarget,
  type ChainBreak,
} from "../lib/audit-chain";
import type { AuditVerb } from "../lib/audit-verbs";
import type { Db, Executor, Tx } from "./client";
import { auditChainHeads, auditEvents, tenants } from "./schema";

export interface AuditInput {
  tenantId: string;
  actor: AuditActor;
  verb: AuditVerb;
  target: AuditTarget;
  spaceId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Only for seeding history (seed scripts, benchmarks); live writes are stamped now. */
  at?: Date;
}

const pending = new WeakMap<object, AuditInput[]>();

/**
 * Record an audit event in the caller's transaction. Inside `auditedTransaction`
 * the event is buffered and appended when the work is done, so the per-tenant
 * chain lock is taken as late as possible; elsewhere it is appended at once.
 */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  const buffer = pending.get(tx);
  if (buffer) buffer.push(event);
  else await appendAuditEvents(tx, [event]);
}

/**
 * Run `fn` in one transaction; its audit events are chained and written at the
 * end of the same transaction. With `requireAudit` (the default) a transaction
 * that recorded no event is rolled back: an unaudited write cannot commit.
 */
export async function auditedTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  opts: { requireAudit?: boolean } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    const buffer: AuditInput[] = [];
    pending.set(tx, buffer);
    try {
      const result = await fn(tx);
      if (buffer.length === 0 && opts.requireAudit !== false) {
        throw new Error("A write transaction recorded no audit event; rolled back.");
      }
      pending.delete(tx);
      await appendAuditEvents(tx, buffer);
      return result;
    } finally {
      pending.delete(tx);
    }
  });
}

/** Append events to their tenants' chains. Locks each chain head row until commit. */
export async function appendAuditEvents(tx: Executor, events: AuditInput[]): Promise<void> {
  const byTenant = new Map<string, AuditInput[]>();
  for (const e of events) {
    const list = byTenant.get(e.tenantId) ?? [];
    list.push(e);
    byTenant.set(e.tenantId, list);
  }
  // A fixed lock order (by tenant id) so two transactions never wait on each other.
  for (const tenantId of [...byTenant.keys()].sort()) {
    const list = byTenant.get(tenantId)!;
    const [head] = await tx
      .insert(auditChainHeads)
      .values({ tenantId, seq: 0, hash: GENESIS_HASH })
      .onConflictDoUpdate({
        target: auditChainHeads.tenantId,
        set: { seq: sql`${auditChainHeads.seq}` },
      })
      .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
    let seq = head!.seq;
    let prevHash = head!.hash;
    const rows: (typeof auditEvents.$inferInsert)[] = [];
    for (const e of list) {
      seq += 1;
      const at = e.at ?? new Date();
      const actor: AuditActor = {
        kind: e.actor.kind,
        userId: e.actor.userId ?? null,
        tokenId: e.actor.tokenId ?? null,
        label: e.actor.label,
        role: e.actor.role ?? null,
      };
      const target: AuditTarget = {
        type: e.target.type,
        id: e.target.id ?? null,
        label: e.target.label ?? null,
      };
      const before = redact(e.before ?? null);
      const after = redact(e.after ?? null);
      const payload: AuditPayload = {
        v: 1,
        tenantId,
        seq,
        at: at.toISOString(),
        actor,
        verb: e.verb,
        target,
        spaceId: e.spaceId ?? null,
        before,
        after,
      };
      const text = payloadText(payload);
      const hash = chainHash(prevHash, text);
      rows.push({
        tenantId,
        seq,
        at,
        actorKind: actor.kind,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        actorLabel: actor.label,
        actorRole: actor.role,
        verb: e.verb,
        targetType: target.type,
        targetId: target.id,
        targetLabel: target.label,
        spaceId: payload.spaceId,
        before,
        after,
        payload: text,
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    await tx.insert(auditEvents).values(rows);
    await tx
      .update(auditChainHeads)
      .set({ seq, hash: prevHash })
      .where(eq(auditChainHeads.tenantId, tenantId));
  }
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: ChainBreak | null;
}

/** Verify one tenant's chain, reading in pages so 1M events fit in memory. */
export async function verifyAuditChain(db: Executor, tenantId: string): Promise<ChainVerification> {
  const verifier = new ChainVerifier();
  const [head] = await db
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.tenantId, tenantId));
  let after = 0;
  const pageSize = 2000;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    let stop = false;
    for (const e of page) {
      if (!verifier.push(e)) {
        stop = true;
        break;
      }
    }
    if (stop || page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  const firstBroken = verifier.finish(head ?? null);
  return { ok: !firstBroken, checked: verifier.checked, headSeq: head?.seq ?? 0, firstBroken };
}

/** Every tenant, for verifying all chains from the command line. */
export async function listTenantsForVerification(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.select({ id: tenants.id, name: tenants.name }).from(tenants).orderBy(asc(tenants.name));
}
