import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import type { ActionStatus, Environment, ReasonCode, Risk, Stage, Effect, TenantRole } from "../../lib/domain/constants";
import { getSpaceAccess, listAccessibleSpaces } from "../access";
import type { Executor } from "../client";
import { actions, apps, memberships, personas, reviews, spaces, users } from "../schema";

export interface ActionDetail {
  id: string;
  spaceId: string;
  spaceName: string;
  role: TenantRole;
  persona: { id: string; name: string; stage: Stage; status: "active" | "paused" };
  appName: string;
  environment: Environment;
  actionKey: string;
  capabilityKey: string | null;
  risk: Risk | null;
  effect: Effect | null;
  status: ActionStatus;
  reasonCode: ReasonCode;
  decidedBy: string | null;
  requiredApprovals: number;
  reason: string | null;
  onBehalfOf: string | null;
  /** Null when the actor may not read action inputs (viewers). */
  input: unknown;
  decisionPath: unknown;
  createdAt: Date;
  expiresAt: Date | null;
  decidedAt: Date | null;
  outcome: { status: string; at: Date | null; error: string | null } | null;
  reviews: { reviewerName: string; decision: "approve" | "reject"; comment: string | null; at: Date; mine: boolean }[];
  earlier: { id: string; status: ActionStatus; createdAt: Date; decidedBy: string | null }[];
}

/** One action, only through a space the actor can see; another tenant's id is null (404). */
export async function getActionDetail(
  db: Executor,
  actor: Actor,
  actionId: string,
  opts: { withInput: boolean },
): Promise<ActionDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(actionId)) return null;
  const [row] = await db
    .select({
      a: actions,
      spaceName: spaces.name,
      personaName: personas.name,
      personaStage: personas.stage,
      personaStatus: personas.status,
      appName: apps.name,
    })
    .from(actions)
    .innerJoin(spaces, and(eq(spaces.id, actions.spaceId), eq(spaces.tenantId, actions.tenantId)))
    .innerJoin(personas, and(eq(personas.id, actions.personaId), eq(personas.tenantId, actions.tenantId)))
    .innerJoin(apps, and(eq(apps.id, actions.appId), eq(apps.tenantId, actions.tenantId)))
    .where(and(eq(actions.id, actionId), eq(actions.tenantId, actor.tenantId)));
  if (!row) return null;
  const access = await getSpaceAccess(db, actor, row.a.spaceId);
  if (!access) return null;
  const a = row.a;
  const [reviewRows, earlier] = await Promise.all([
    db
      .select({ reviewerId: reviews.reviewerMembershipId, name: users.name, decision: reviews.decision, comment: reviews.comment, at: reviews.createdAt })
      .from(reviews)
      .innerJoin(memberships, eq(memberships.id, reviews.reviewerMembershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(reviews.actionId, a.id), eq(reviews.tenantId, actor.tenantId)))
      .orderBy(reviews.createdAt),
    db
      .select({ id: actions.id, status: actions.status, createdAt: actions.createdAt, decidedBy: actions.decidedBy })
      .from(actions)
      .where(
        and(
          eq(actions.tenantId, actor.tenantId),
          eq(actions.personaId, a.personaId),
          eq(actions.actionKey, a.actionKey),
          ne(actions.id, a.id),
          ne(actions.status, "pending"),
        ),
      )
      .orderBy(desc(actions.createdAt))
      .limit(10),
  ]);
  return {
    id: a.id,
    spaceId: a.spaceId,
    spaceName: row.spaceName,
    role: access.role,
    persona: { id: a.personaId, name: row.personaName, stage: row.personaStage, status: row.personaStatus },
    appName: row.appName,
    environment: a.environment,
    actionKey: a.actionKey,
    capabilityKey: a.capabilityKey,
    risk: a.risk,
    effect: a.effect,
    status: a.status,
    reasonCode: a.reasonCode,
    decidedBy: a.decidedBy,
    requiredApprovals: a.requiredApprovals,
    reason: a.reason,
    onBehalfOf: opts.withInput ? a.onBehalfOf : null,
    input: opts.withInput ? a.input : null,
    decisionPath: a.decisionPath,
    createdAt: a.createdAt,
    expiresAt: a.expiresAt,
    decidedAt: a.decidedAt,
    outcome: a.outcomeStatus ? { status: a.outcomeStatus, at: a.outcomeAt, error: a.outcomeError } : null,
    reviews: reviewRows.map((r) => ({ reviewerName: r.name, decision: r.decision, comment: r.comment, at: r.at, mine: r.reviewerId === actor.membershipId })),
    earlier,
  };
}

export interface HistoryRow {
  id: string;
  actionKey: string;
  personaName: string;
  spaceName: string;
  environment: Environment;
  risk: Risk | null;
  status: ActionStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  outcomeStatus: string | null;
}

export const HISTORY_STATUSES = ["approved", "rejected", "denied", "expired", "cancelled", "succeeded", "failed"] as const;

/**
 * Decided, expired and completed actions in the actor's spaces, newest first,
 * keyset-paginated on (created_at, id) so page N costs the same as page 1.
 */
export async function listActionHistory(
  db: Executor,
  actor: Actor,
  opts: { status?: ActionStatus; personaId?: string; before?: { createdAt: Date; id: string }; limit?: number },
): Promise<{ rows: HistoryRow[]; next: { createdAt: Date; id: string } | null }> {
  const visible = [...(await listAccessibleSpaces(db, actor)).keys()];
  if (visible.length === 0) return { rows: [], next: null };
  const limit = opts.limit ?? 50;
  const rows = await db
    .select({
      id: actions.id,
      actionKey: actions.actionKey,
      personaName: personas.name,
      spaceName: spaces.name,
      environment: actions.environment,
      risk: actions.risk,
      status: actions.status,
      decidedBy: actions.decidedBy,
      decidedAt: actions.decidedAt,
      createdAt: actions.createdAt,
      outcomeStatus: actions.outcomeStatus,
    })
    .from(actions)
    .innerJoin(personas, and(eq(personas.id, actions.personaId), eq(personas.tenantId, actions.tenantId)))
    .innerJoin(spaces, and(eq(spaces.id, actions.spaceId), eq(spaces.tenantId, actions.tenantId)))
    .where(
      and(
        eq(actions.tenantId, actor.tenantId),
        inArray(actions.spaceId, visible),
        opts.status ? eq(actions.status, opts.status) : ne(actions.status, "pending"),
        opts.personaId ? eq(actions.personaId, opts.personaId) : undefined,
        // Keyset at millisecond precision (what a JS Date carries): (created_ms, id) < cursor.
        opts.before
          ? sql`(date_trunc('milliseconds', ${actions.createdAt}), ${actions.id}) < (${opts.before.createdAt.toISOString()}::timestamptz, ${opts.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(sql`date_trunc('milliseconds', ${actions.createdAt})`), desc(actions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}
