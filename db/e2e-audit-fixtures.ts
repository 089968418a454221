/**
 * TEST ONLY: a tenant of its own whose audit chain a browser test may break, so
 * tampering never touches the chains other specs verify. Reached through
 * POST /api/test/audit-tenant (404 unless E2E_FIXTURES=1).
 */
import { and, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { hashPassword } from "../lib/auth/password";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db } from "./client";
import * as s from "./schema";

export interface AuditTenantFixture {
  tenantId: string;
  tenantName: string;
  ownerEmail: string;
  password: string;
  /** seq of the events written, oldest first */
  seqs: number[];
}

const PASSWORD = "persona-demo";

/** A tenant with one owner and a handful of audit events (tenant, member, three spaces). */
export async function makeAuditTenant(db: Db): Promise<AuditTenantFixture> {
  const suffix = uuidv7().slice(-8);
  const tenantName = `Audit Test ${suffix}`;
  const ownerEmail = `owner-${suffix}@audit-e2e.test`;
  const passwordHash = await hashPassword(PASSWORD);
  await auditedTransaction(db, async (tx) => {
    const [t] = await tx.insert(s.tenants).values({ name: tenantName, slug: `audit-test-${suffix}` }).returning({ id: s.tenants.id });
    const [u] = await tx.insert(s.users).values({ email: ownerEmail, name: `Owner ${suffix}`, passwordHash }).returning({ id: s.users.id });
    const [m] = await tx.insert(s.memberships).values({ tenantId: t!.id, userId: u!.id, role: "owner" }).returning({ id: s.memberships.id });
    const actor = { kind: "system" as const, label: "e2e fixtures" };
    await recordAudit(tx, { tenantId: t!.id, actor, verb: "tenant.created", target: { type: "tenant", id: t!.id, label: tenantName } });
    await recordAudit(tx, { tenantId: t!.id, actor, verb: "member.added", target: { type: "membership", id: m!.id, label: `Owner ${suffix}` }, after: { role: "owner" } });
    for (const name of ["North", "South", "East"]) {
      const [sp] = await tx.insert(s.spaces).values({ tenantId: t!.id, name: `${name} ${suffix}`, environments: ["sandbox"] }).returning({ id: s.spaces.id });
      await recordAudit(tx, { tenantId: t!.id, actor, verb: "space.created", target: { type: "space", id: sp!.id, label: `${name} ${suffix}` }, spaceId: sp!.id, after: { name: `${name} ${suffix}` } });
    }
  });
  const [t] = await db.select({ id: s.tenants.id }).from(s.tenants).where(eq(s.tenants.name, tenantName));
  const rows = await db.select({ seq: s.auditEvents.seq }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, t!.id)).orderBy(s.auditEvents.seq);
  return { tenantId: t!.id, tenantName, ownerEmail, password: PASSWORD, seqs: rows.map((r) => r.seq) };
}

/**
 * Rewrites one event's `after` column as an attacker with table access would. The
 * append-only triggers are lifted inside the same transaction only, so no other
 * session ever sees them off.
 */
export async function tamperAuditEvent(db: Db, tenantId: string, seq: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    const changed = await tx
      .update(s.auditEvents)
      .set({ after: { tampered: true } })
      .where(and(eq(s.auditEvents.tenantId, tenantId), eq(s.auditEvents.seq, seq)))
      .returning({ id: s.auditEvents.id });
    await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    return changed.length === 1;
  });
}
