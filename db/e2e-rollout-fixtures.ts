/**
 * TEST ONLY: a persona with a rollout history, for browser tests of staged rollout. Reached
 * through POST /api/test/rollout-persona, which answers 404 unless E2E_FIXTURES=1.
 *
 * Each call makes its own space in the Acme demo tenant (so gate thresholds and bounds edited
 * by a test touch nobody else), with the demo members' usual space roles, one API app, a persona
 * exposed through it and runtime tokens.
 *
 * Scenarios:
 * - "passing": at Pilot for 20 days with 25 actions decided by reviewers (24 approved), no
 *   high-risk rejection, no pause: the Pilot gate passes with the default thresholds.
 * - "failing": at Pilot since now, nothing reviewed: the gate fails.
 * - "bounded": at Bounded production for 20 days, with production grants and
 *   planning.create_plan allowed in sandbox (above Pilot's ceiling); tokens for sandbox and
 *   production, so a rollback's effect can be seen through the runtime API.
 */
import { and, eq, inArray } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { AuditActor } from "../lib/audit-chain";
import type { Environment, Policy, Stage } from "../lib/domain/constants";
import { generateToken } from "../lib/runtime/tokens";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db } from "./client";
import * as s from "./schema";

const FIXTURE_ACTOR: AuditActor = { kind: "system", label: "e2e rollout fixtures" };
const DAY = 86_400_000;

export type RolloutScenario = "passing" | "failing" | "bounded";

export interface RolloutPersonaFixture {
  spaceId: string;
  spaceName: string;
  personaId: string;
  personaName: string;
  appName: string;
  /** Token per environment (sandbox always; production for "bounded"). */
  tokens: Partial<Record<Environment, string>>;
}

export async function makeRolloutPersonaFixture(db: Db, scenario: RolloutScenario): Promise<RolloutPersonaFixture> {
  const suffix = uuidv7().slice(-6);
  const now = Date.now();
  const ago = (days: number, hours = 0) => new Date(now - days * DAY - hours * 3_600_000);
  return auditedTransaction(db, async (tx) => {
    const [tenant] = await tx.select({ id: s.tenants.id }).from(s.tenants).where(eq(s.tenants.slug, "acme"));
    if (!tenant) throw new Error("The demo tenant is missing.");
    const tenantId = tenant.id;
    const spaceName = `Rollout space ${suffix}`;
    const personaName = `Rollo ${suffix}`;
    const appName = `Rollout API ${suffix}`;
    const stage: Stage = scenario === "bounded" ? "bounded_production" : "pilot";
    const entered = scenario === "failing" ? new Date(now) : ago(20);
    const [space] = await tx
      .insert(s.spaces)
      .values({ tenantId, name: spaceName, environments: ["sandbox", "staging", "production"], createdAt: ago(30) })
      .returning({ id: s.spaces.id });
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
    const reviewer = members.find((m) => m.email === "reviewer@acme.test")!.id;
    const [app] = await tx.insert(s.apps).values({ tenantId, spaceId, name: appName, kind: "api" }).returning({ id: s.apps.id });
    const [persona] = await tx
      .insert(s.personas)
      .values({ tenantId, spaceId, name: personaName, purpose: "Made by a rollout browser test.", stage, stageEnteredAt: entered, createdAt: ago(30) })
      .returning({ id: s.personas.id });
    const personaId = persona!.id;
    await tx.insert(s.personaApps).values({ tenantId, spaceId, personaId, appId: app!.id });

    const grant = (capabilityKey: string, environment: Environment, policies: Record<string, Policy>) => ({ tenantId, spaceId, personaId, capabilityKey, environment, enabled: true, policies });
    await tx.insert(s.capabilityGrants).values(
      scenario === "bounded"
        ? [
            grant("planning", "sandbox", { "planning.list_plans": "allow", "planning.create_plan": "allow" }),
            grant("memory", "production", { "memory.read": "allow", "memory.write": "allow", "memory.delete": "review" }),
            grant("messaging", "production", { "messaging.read_conversation": "allow", "messaging.send_message": "review" }),
          ]
        : [
            grant("planning", "sandbox", { "planning.list_plans": "allow", "planning.create_plan": "review" }),
            grant("memory", "sandbox", { "memory.read": "allow", "memory.write": "review", "memory.delete": "review" }),
          ],
    );

    const tokens: Partial<Record<Environment, string>> = {};
    let sandboxTokenId: string | null = null;
    for (const environment of scenario === "bounded" ? (["sandbox", "production"] as const) : (["sandbox"] as const)) {
      const t = generateToken();
      const [row] = await tx
        .insert(s.runtimeTokens)
        .values({ tenantId, spaceId, appId: app!.id, environment, name: `e2e-rollout-${environment}-${suffix}`, prefix: t.prefix, tokenHash: t.hash })
        .returning({ id: s.runtimeTokens.id });
      if (environment === "sandbox") sandboxTokenId = row!.id;
      tokens[environment] = t.token;
    }

    if (scenario === "passing") {
      // 25 plans proposed over 18 days at Pilot, each decided by a reviewer; one rejected (low risk).
      for (let i = 0; i < 25; i++) {
        const at = ago(18 - Math.floor((i * 17) / 25), 3);
        const rejected = i === 11;
        const decidedAt = new Date(at.getTime() + 5 * 60_000);
        const [action] = await tx
          .insert(s.actions)
          .values({
            tenantId, spaceId, personaId, appId: app!.id, tokenId: sandboxTokenId, environment: "sandbox",
            actionKey: "planning.create_plan", capabilityKey: "planning", risk: "low", effect: "write", stage: "pilot",
            input: { goal: `Follow up on ticket ${1000 + i}` }, status: rejected ? "rejected" : "succeeded", reasonCode: "policy_review",
            decidedBy: "reviewers", requiredApprovals: 1,
            decisionPath: [{ rule: "policy", reasonCode: "policy_review", note: "E2E rollout history" }],
            expiresAt: new Date(at.getTime() + DAY), decidedAt,
            outcomeStatus: rejected ? null : "succeeded", outcomeAt: rejected ? null : new Date(decidedAt.getTime() + 30_000), outcomeOutput: rejected ? null : { ok: true },
            createdAt: at, updatedAt: decidedAt,
          })
          .returning({ id: s.actions.id });
        await tx.insert(s.reviews).values({ tenantId, actionId: action!.id, reviewerMembershipId: reviewer, decision: rejected ? "reject" : "approve", comment: rejected ? "Too vague." : null, createdAt: decidedAt });
      }
    }
    await recordAudit(tx, { tenantId, actor: FIXTURE_ACTOR, verb: "space.created", target: { type: "space", id: spaceId, label: spaceName }, spaceId });
    return { spaceId, spaceName, personaId, personaName, appName, tokens };
  });
}
