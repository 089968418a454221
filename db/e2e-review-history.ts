/**
 * TEST ONLY: a persona with an earned review record, for the earned-autonomy browser test.
 * Reached through POST /api/test/review-history, which answers 404 unless E2E_FIXTURES=1.
 */
import { and, eq } from "drizzle-orm";
import type { AuditActor } from "../lib/audit-chain";
import type { Stage } from "../lib/domain/constants";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db } from "./client";
import { makeRuntimePersonaFixture, type RuntimePersonaFixture } from "./e2e-fixtures";
import * as s from "./schema";

const FIXTURE_ACTOR: AuditActor = { kind: "system", label: "e2e fixtures" };

/**
 * The runtime persona fixture (planning.create_plan: review, a token), moved to `stage`, with
 * `scheduling` enabled in sandbox (its writes: review), and
 * `approvals` create_plan actions in sandbox that Rita Reviewer approved and that succeeded,
 * spread over the last days.
 */
export async function makeReviewHistoryFixture(
  db: Db,
  opts: { approvals: number; stage?: Stage },
): Promise<RuntimePersonaFixture & { appId: string }> {
  const fx = await makeRuntimePersonaFixture(db);
  const stage = opts.stage ?? "bounded_production";
  const appId = await auditedTransaction(db, async (tx) => {
    const [p] = await tx
      .update(s.personas)
      .set({ stage, stageEnteredAt: new Date(Date.now() - 40 * 86_400_000) })
      .where(eq(s.personas.id, fx.personaId))
      .returning({ tenantId: s.personas.tenantId });
    const tenantId = p!.tenantId;
    const [link] = await tx.select({ appId: s.personaApps.appId }).from(s.personaApps).where(eq(s.personaApps.personaId, fx.personaId));
    // Scheduling too (schedule_task medium, cancel_task low: both review), for queue tests whose
    // pending actions must not collide with the action keys other specs look for.
    await tx.insert(s.capabilityGrants).values({
      tenantId, spaceId: fx.spaceId, personaId: fx.personaId, capabilityKey: "scheduling", environment: "sandbox", enabled: true,
      policies: { "scheduling.list_tasks": "allow", "scheduling.schedule_task": "review", "scheduling.cancel_task": "review" },
    });
    const [reviewer] = await tx
      .select({ id: s.memberships.id })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(and(eq(s.memberships.tenantId, tenantId), eq(s.users.email, "reviewer@acme.test")));
    const now = Date.now();
    for (let i = 0; i < opts.approvals; i++) {
      const createdAt = new Date(now - (i + 1) * 3_600_000 * 20);
      const decidedAt = new Date(createdAt.getTime() + 600_000);
      const [a] = await tx
        .insert(s.actions)
        .values({
          tenantId, spaceId: fx.spaceId, personaId: fx.personaId, appId: link!.appId, environment: "sandbox",
          actionKey: "planning.create_plan", capabilityKey: "planning", risk: "low", effect: "write", stage,
          input: { goal: `Plan #${i + 1}` }, status: "succeeded", reasonCode: "policy_review", decidedBy: "reviewers",
          requiredApprovals: 1, decisionPath: [], createdAt, decidedAt, outcomeStatus: "succeeded", outcomeAt: decidedAt,
        })
        .returning({ id: s.actions.id });
      await tx.insert(s.reviews).values({ tenantId, actionId: a!.id, reviewerMembershipId: reviewer!.id, decision: "approve", createdAt: decidedAt });
    }
    await recordAudit(tx, {
      tenantId,
      actor: FIXTURE_ACTOR,
      verb: "persona.updated",
      target: { type: "persona", id: fx.personaId, label: fx.personaName },
      spaceId: fx.spaceId,
      after: { stage, reviewHistory: opts.approvals },
    });
    return link!.appId;
  });
  return { ...fx, appId };
}
