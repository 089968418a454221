/**
 * TEST ONLY: data the home-page browser test creates for itself. Reached through
 * POST /api/test/attention, which answers 404 unless E2E_FIXTURES=1.
 */
import { and, eq, inArray } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { AuditActor } from "../lib/audit-chain";
import { hashPassword } from "../lib/auth/password";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db } from "./client";
import * as s from "./schema";

const FIXTURE_ACTOR: AuditActor = { kind: "system", label: "e2e fixtures" };

export interface AttentionFixture {
  spaceId: string;
  spaceName: string;
  /** A pending review that expires within the hour. */
  action: { id: string; actionKey: string; personaName: string };
  /** A paused persona with an open incident. */
  paused: { id: string; name: string };
}

/**
 * In the Acme demo tenant: a new space (the demo members get their usual space
 * roles) with a persona whose pending action expires in `expiresInSeconds`, and
 * a paused persona with an open incident.
 */
export async function makeAttentionFixture(db: Db, opts: { expiresInSeconds?: number } = {}): Promise<AttentionFixture> {
  const suffix = uuidv7().slice(-6);
  const now = new Date();
  return auditedTransaction(db, async (tx) => {
    const [tenant] = await tx.select({ id: s.tenants.id }).from(s.tenants).where(eq(s.tenants.slug, "acme"));
    if (!tenant) throw new Error("The demo tenant is missing.");
    const tenantId = tenant.id;
    const spaceName = `E2E attention ${suffix}`;
    const [space] = await tx.insert(s.spaces).values({ tenantId, name: spaceName, environments: ["sandbox"] }).returning({ id: s.spaces.id });
    const spaceId = space!.id;
    const members = await tx
      .select({ id: s.memberships.id, email: s.users.email })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(and(eq(s.memberships.tenantId, tenantId), inArray(s.users.email, ["operator@acme.test", "reviewer@acme.test", "reviewer2@acme.test", "viewer@acme.test"])));
    for (const m of members) {
      const role = m.email.startsWith("operator") ? "operator" : m.email.startsWith("viewer") ? "viewer" : "reviewer";
      await tx.insert(s.spaceGrants).values({ tenantId, spaceId, membershipId: m.id, role });
    }
    const [app] = await tx.insert(s.apps).values({ tenantId, spaceId, name: `E2E API ${suffix}`, kind: "api" }).returning({ id: s.apps.id });
    const workerName = `Hurry ${suffix}`;
    const pausedName = `Halted ${suffix}`;
    const [worker] = await tx.insert(s.personas).values({ tenantId, spaceId, name: workerName, purpose: "Made by the home-page test." }).returning({ id: s.personas.id });
    const [paused] = await tx
      .insert(s.personas)
      .values({ tenantId, spaceId, name: pausedName, purpose: "Made by the home-page test.", status: "paused", pausedAt: now })
      .returning({ id: s.personas.id });
    await tx.insert(s.incidents).values({ tenantId, spaceId, personaId: paused!.id, reason: "Paused by the home-page test", openedAt: now });
    const actionKey = "planning.create_plan";
    const [action] = await tx
      .insert(s.actions)
      .values({
        tenantId, spaceId, personaId: worker!.id, appId: app!.id, environment: "sandbox", actionKey, capabilityKey: "planning",
        risk: "low", effect: "write", stage: "pilot", input: { title: "Quarterly plan" }, reason: "The home-page test needs a review",
        status: "pending", reasonCode: "stage_requires_review", requiredApprovals: 1, decisionPath: [{ rule: "e2e" }],
        expiresAt: new Date(now.getTime() + (opts.expiresInSeconds ?? 20 * 60) * 1000),
      })
      .returning({ id: s.actions.id });
    await recordAudit(tx, { tenantId, actor: FIXTURE_ACTOR, verb: "space.created", target: { type: "space", id: spaceId, label: spaceName }, spaceId });
    return { spaceId, spaceName, action: { id: action!.id, actionKey, personaName: workerName }, paused: { id: paused!.id, name: pausedName } };
  });
}

/**
 * A new tenant with one owner (password `persona-demo`) and one quiet space: a
 * persona with nothing pending, paused or failing — the home page's "All clear".
 */
export async function makeQuietTenantFixture(db: Db): Promise<{ email: string; tenantName: string }> {
  const suffix = uuidv7().slice(-8);
  const email = `owner-${suffix}@quiet.test`;
  const tenantName = `Quiet ${suffix}`;
  const passwordHash = await hashPassword("persona-demo");
  return auditedTransaction(db, async (tx) => {
    const [user] = await tx.insert(s.users).values({ email, name: `Quinn ${suffix}`, passwordHash }).returning({ id: s.users.id });
    const [tenant] = await tx.insert(s.tenants).values({ name: tenantName, slug: `quiet-${suffix}` }).returning({ id: s.tenants.id });
    const tenantId = tenant!.id;
    await tx.insert(s.memberships).values({ tenantId, userId: user!.id, role: "owner" });
    const [space] = await tx.insert(s.spaces).values({ tenantId, name: "Quiet space" }).returning({ id: s.spaces.id });
    await tx.insert(s.personas).values({ tenantId, spaceId: space!.id, name: "Calm" });
    await recordAudit(tx, { tenantId, actor: FIXTURE_ACTOR, verb: "tenant.created", target: { type: "tenant", id: tenantId, label: tenantName } });
    return { email, tenantName };
  });
}
