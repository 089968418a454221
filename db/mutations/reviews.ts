import { and, eq, lte, sql } from "drizzle-orm";
import { auditActor, SYSTEM_ACTOR, type Actor } from "../../lib/actor";
import type { ReviewDecision, TenantRole } from "../../lib/domain/constants";
import { approvalsRemaining, isSelfApproval, reviewState } from "../../lib/domain/review";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { emitActionChanged } from "../../lib/runtime/events";
import { appendAuditEvents, recordAudit, type AuditInput } from "../audit";
import { notifyActionChanged } from "../runtime/events";
import type { Executor, Tx } from "../client";
import { actions, memberships, reviews, users } from "../schema";

export type DecideResult =
  | { status: "pending"; approvalsRemaining: number }
  | { status: "approved" | "rejected" }
  | { status: "expired" };

/**
 * One reviewer's decision on a pending action. The action row is locked, so the
 * first final decision wins and every later one gets a conflict naming who decided
 * and when — never an overwrite. High risk needs two approvals by two people; any
 * rejection ends it; nobody approves on their own behalf; past its TTL an action
 * expires (fail closed) instead of being approved.
 */
export async function decideAction(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; actionId: string; decision: ReviewDecision; comment?: string },
  now = new Date(),
): Promise<DecideResult> {
  const [action] = await tx
    .select({
      id: actions.id,
      status: actions.status,
      actionKey: actions.actionKey,
      onBehalfOf: actions.onBehalfOf,
      requiredApprovals: actions.requiredApprovals,
      expiresAt: actions.expiresAt,
      decidedAt: actions.decidedAt,
    })
    .from(actions)
    .where(and(eq(actions.id, input.actionId), eq(actions.tenantId, actor.tenantId), eq(actions.spaceId, input.spaceId)))
    .for("update");
  if (!action) throw new NotFoundError("That action");
  const target = { type: "action", id: action.id, label: action.actionKey };

  if (action.status !== "pending") {
    throw new ConflictError(await alreadyDecidedMessage(tx, action));
  }
  if (action.expiresAt && action.expiresAt.getTime() <= now.getTime()) {
    await tx
      .update(actions)
      .set({ status: "expired", decidedBy: "system", decidedAt: now, updatedAt: now })
      .where(eq(actions.id, action.id));
    await recordAudit(tx, { tenantId: actor.tenantId, actor: SYSTEM_ACTOR, verb: "action.expired", target, spaceId: input.spaceId });
    return { status: "expired" };
  }
  if (input.decision === "approve") {
    const [me] = await tx
      .select({ externalIds: memberships.externalIds })
      .from(memberships)
      .where(eq(memberships.id, actor.membershipId));
    if (isSelfApproval(action.onBehalfOf, { email: actor.email, externalIds: me?.externalIds ?? [] })) {
      throw new UserError("You cannot approve an action proposed on your own behalf. Another reviewer must decide it.");
    }
  }
  const earlier = await tx
    .select({ reviewerId: reviews.reviewerMembershipId, decision: reviews.decision })
    .from(reviews)
    .where(and(eq(reviews.actionId, action.id), eq(reviews.tenantId, actor.tenantId)));
  if (earlier.some((r) => r.reviewerId === actor.membershipId)) {
    throw new UserError("You already reviewed this action. A second approval must come from another reviewer.");
  }
  await tx.insert(reviews).values({
    tenantId: actor.tenantId,
    actionId: action.id,
    reviewerMembershipId: actor.membershipId,
    decision: input.decision,
    comment: input.comment?.trim() || null,
    createdAt: now,
  });
  const votes = [...earlier, { reviewerId: actor.membershipId, decision: input.decision }];
  const state = reviewState(action.requiredApprovals, votes);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "action.reviewed",
    target,
    spaceId: input.spaceId,
    after: { decision: input.decision, comment: input.comment ?? null },
  });
  if (state === "pending") {
    await tx.update(actions).set({ updatedAt: now }).where(eq(actions.id, action.id));
    return { status: "pending", approvalsRemaining: approvalsRemaining(action.requiredApprovals, votes) };
  }
  await tx
    .update(actions)
    .set({ status: state, decidedBy: "reviewers", decidedAt: now, updatedAt: now })
    .where(and(eq(actions.id, action.id), eq(actions.status, "pending")));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: state === "approved" ? "action.approved" : "action.rejected",
    target,
    spaceId: input.spaceId,
    before: { status: "pending" },
    after: { status: state },
  });
  return { status: state };
}

async function alreadyDecidedMessage(
  tx: Tx,
  action: { id: string; status: string; decidedAt: Date | null },
): Promise<string> {
  const [last] = await tx
    .select({ name: users.name, at: reviews.createdAt })
    .from(reviews)
    .innerJoin(memberships, eq(memberships.id, reviews.reviewerMembershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(reviews.actionId, action.id))
    .orderBy(sql`${reviews.createdAt} desc`)
    .limit(1);
  const at = (action.decidedAt ?? last?.at)?.toISOString().replace("T", " ").slice(0, 19);
  const by = ["approved", "rejected"].includes(action.status) && last ? last.name : action.status === "expired" ? "its time limit" : "the system";
  return `Already ${action.status} by ${by}${at ? ` at ${at} UTC` : ""}.`;
}

/**
 * Fail closed: every pending action past its TTL becomes `expired`, each with an
 * audit event by the system. Safe to run concurrently (conditional update).
 */
export async function expireOverdueActions(db: Executor, now = new Date()): Promise<number> {
  const expired = await db.transaction(async (tx) => {
    const rows = await tx
      .update(actions)
      .set({ status: "expired", decidedBy: "system", decidedAt: now, updatedAt: now })
      .where(and(eq(actions.status, "pending"), lte(actions.expiresAt, now)))
      .returning({ id: actions.id, tenantId: actions.tenantId, spaceId: actions.spaceId, actionKey: actions.actionKey });
    if (rows.length) {
      const events: AuditInput[] = rows.map((r) => ({
        tenantId: r.tenantId,
        actor: SYSTEM_ACTOR,
        verb: "action.expired",
        target: { type: "action", id: r.id, label: r.actionKey },
        spaceId: r.spaceId,
      }));
      await appendAuditEvents(tx, events);
      for (const r of rows) await notifyActionChanged(tx, r.id);
    }
    return rows;
  });
  for (const r of expired) emitActionChanged(r.id);
  return expired.length;
}
