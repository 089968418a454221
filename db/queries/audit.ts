import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { auditEvents } from "../schema";

export interface LastChainVerification {
  at: Date;
  /** Who asked; a person's name is not exposed here, only the kind of actor and role. */
  byRole: string | null;
  ok: boolean;
  checked: number;
  brokenAtSeq: number | null;
  message: string | null;
}

/** The tenant's most recent chain verification (an `audit.verified` event), if any. */
export async function lastChainVerification(db: Executor, tenantId: string): Promise<LastChainVerification | null> {
  const [row] = await db
    .select({ at: auditEvents.at, role: auditEvents.actorRole, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), sql`${auditEvents.verb} = 'audit.verified'`))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (!row) return null;
  const after = (row.after ?? {}) as { ok?: boolean; checked?: number; firstBroken?: { seq?: number; message?: string } | null };
  return {
    at: row.at,
    byRole: row.role,
    ok: after.ok === true,
    checked: after.checked ?? 0,
    brokenAtSeq: after.firstBroken?.seq ?? null,
    message: after.firstBroken?.message ?? null,
  };
}
