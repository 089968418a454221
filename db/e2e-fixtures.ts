/**
 * TEST ONLY: data that browser tests create for themselves, so they never depend
 * on each other. Reached through POST /api/test/fixtures, which answers 404
 * unless E2E_FIXTURES=1 (set by scripts/e2e-server.ts only).
 */
import { and, eq, inArray } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { AuditActor } from "../lib/audit-chain";
import { generateToken } from "../lib/runtime/tokens";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db } from "./client";
import * as s from "./schema";

const FIXTURE_ACTOR: AuditActor = { kind: "system", label: "e2e fixtures" };

export interface RuntimePersonaFixture {
  spaceId: string;
  spaceName: string;
  personaId: string;
  personaName: string;
  token: string;
}

/**
 * In the Acme demo tenant: a new sandbox space (the demo members get their
 * usual space roles), an API app, a pilot persona exposed through it with
 * `planning` (create_plan: review) and `memory` enabled, and a runtime token.
 */
export async function makeRuntimePersonaFixture(db: Db, opts: { reviewTtlSeconds?: number } = {}): Promise<RuntimePersonaFixture> {
  const suffix = uuidv7().slice(-6);
  return auditedTransaction(db, async (tx) => {
    const [tenant] = await tx.select({ id: s.tenants.id }).from(s.tenants).where(eq(s.tenants.slug, "acme"));
    if (!tenant) throw new Error("The demo tenant is missing.");
    const tenantId = tenant.id;
    const spaceName = `E2E space ${suffix}`;
    const personaName = `Echo ${suffix}`;
    const [space] = await tx.insert(s.spaces).values({ tenantId, name: spaceName, environments: ["sandbox"], reviewTtlSeconds: opts.reviewTtlSeconds ?? 86_400 }).returning({ id: s.spaces.id });
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
    const [persona] = await tx.insert(s.personas).values({ tenantId, spaceId, name: personaName, purpose: "Made by a browser test." }).returning({ id: s.personas.id });
    await tx.insert(s.personaApps).values({ tenantId, spaceId, personaId: persona!.id, appId: app!.id });
    await tx.insert(s.capabilityGrants).values([
      { tenantId, spaceId, personaId: persona!.id, capabilityKey: "planning", environment: "sandbox", enabled: true, policies: { "planning.list_plans": "allow", "planning.create_plan": "review" } },
      { tenantId, spaceId, personaId: persona!.id, capabilityKey: "memory", environment: "sandbox", enabled: true, policies: { "memory.read": "allow", "memory.write": "review" } },
    ]);
    const t = generateToken();
    await tx.insert(s.runtimeTokens).values({ tenantId, spaceId, appId: app!.id, environment: "sandbox", name: `e2e-${suffix}`, prefix: t.prefix, tokenHash: t.hash });
    await recordAudit(tx, { tenantId, actor: FIXTURE_ACTOR, verb: "space.created", target: { type: "space", id: spaceId, label: spaceName }, spaceId });
    return { spaceId, spaceName, personaId: persona!.id, personaName, token: t.token };
  });
}
