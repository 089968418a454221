import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { AuditActor } from "../../lib/audit-chain";
import type { ActionStatus, DecidedBy, Environment, OutcomeStatus, ReasonCode } from "../../lib/domain/constants";
import type { Decision } from "../../lib/domain/decide";
import { v7 as uuidv7 } from "uuid";
import { auditedTransaction, recordAudit } from "../audit";
import type { Db, Executor } from "../client";
import { actions, reviews } from "../schema";
import { findVisiblePersona, isUuid, listPersonaGrants, type RuntimeGrant, type RuntimePersona, type RuntimeTokenContext } from "./auth";
import { notifyActionChanged } from "./events";
import { notify } from "../notifications/notify";

type TokenScope = Pick<
  RuntimeTokenContext,
  "tokenId" | "tokenName" | "tenantId" | "spaceId" | "appId" | "environment" | "reviewTtlSeconds"
>;

export function tokenActor(token: Pick<RuntimeTokenContext, "tokenId" | "tokenName">): AuditActor {
  return { kind: "token", tokenId: token.tokenId, label: token.tokenName };
}

export interface ProposeArgs {
  token: TokenScope;
  personaId: string;
  actionKey: string;
  input: unknown;
  onBehalfOf: string | null;
  reason: string | null;
  idempotencyKey: string | null;
  /** SHA-256 of the canonical request body. */
  requestHash: string;
  /** The gateway's decision for this persona and its grants (rules 4–12). */
  decideFor: (persona: RuntimePersona, grants: RuntimeGrant[]) => Decision;
  now?: Date;
}

/** The `201` body of a proposal, stored for idempotent replays. */
export interface ProposeResponse {
  id: string;
  status: "approved" | "pending" | "denied";
  reasonCode: ReasonCode;
  decidedBy: "policy" | null;
  requiredApprovals: number;
  expiresAt: string | null;
  createdAt: string;
}

export type ProposeResult =
  | { kind: "created"; body: ProposeResponse }
  | { kind: "replay"; body: ProposeResponse }
  | { kind: "conflict" }
  | { kind: "not_found" };

class Abort {
  constructor(readonly result: ProposeResult) {}
}

async function findByKey(db: Executor, token: TokenScope, key: string) {
  const [row] = await db
    .select({ requestHash: actions.requestHash, responseBody: actions.responseBody })
    .from(actions)
    .where(
      and(
        eq(actions.appId, token.appId),
        eq(actions.environment, token.environment),
        eq(actions.idempotencyKey, key),
      ),
    )
    .limit(1);
  return row ?? null;
}

function replayOrConflict(row: { requestHash: string | null; responseBody: unknown }, hash: string): ProposeResult {
  return row.requestHash === hash
    ? { kind: "replay", body: row.responseBody as ProposeResponse }
    : { kind: "conflict" };
}

/**
 * Store a proposed action (every attempt, denied ones too) and its audit event in one
 * transaction. With an idempotency key, a transaction-scoped advisory lock on
 * (app, environment, key) serialises duplicates: a concurrent duplicate waits for the
 * first to commit, then finds its row and replays it. The unique index
 * `actions_idempotency_uq` is the backstop.
 */
export async function proposeAction(db: Db, a: ProposeArgs): Promise<ProposeResult> {
  const { token } = a;
  for (let attempt = 0; ; attempt++) {
    try {
      return await auditedTransaction(db, async (tx) => {
        if (a.idempotencyKey) {
          const lockKey = `${token.appId}|${token.environment}|${a.idempotencyKey}`;
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);
          const existing = await findByKey(tx, token, a.idempotencyKey);
          if (existing) throw new Abort(replayOrConflict(existing, a.requestHash));
        }
        const persona = await findVisiblePersona(tx, token, a.personaId);
        if (!persona) throw new Abort({ kind: "not_found" });
        const grants = await listPersonaGrants(tx, token.tenantId, persona.id, token.environment);
        const decision = a.decideFor(persona, grants);
        const now = a.now ?? new Date();
        const expiresAt =
          decision.status === "pending" ? new Date(now.getTime() + token.reviewTtlSeconds * 1000) : null;
        const id = uuidv7();
        const body: ProposeResponse = {
          id,
          status: decision.status,
          reasonCode: decision.reasonCode,
          decidedBy: decision.decidedBy,
          requiredApprovals: decision.requiredApprovals,
          expiresAt: expiresAt?.toISOString() ?? null,
          createdAt: now.toISOString(),
        };
        const [row] = await tx
          .insert(actions)
          .values({
            id,
            tenantId: token.tenantId,
            spaceId: token.spaceId,
            personaId: persona.id,
            appId: token.appId,
            tokenId: token.tokenId,
            environment: token.environment,
            actionKey: a.actionKey,
            capabilityKey: decision.capabilityKey ?? null,
            risk: decision.risk ?? null,
            effect: decision.effect ?? null,
            stage: persona.stage,
            input: a.input ?? null,
            onBehalfOf: a.onBehalfOf,
            reason: a.reason,
            status: decision.status,
            reasonCode: decision.reasonCode,
            decidedBy: decision.decidedBy,
            requiredApprovals: decision.requiredApprovals,
            decisionPath: decision.path,
            idempotencyKey: a.idempotencyKey,
            requestHash: a.idempotencyKey ? a.requestHash : null,
            responseBody: a.idempotencyKey ? body : null,
            expiresAt,
            decidedAt: decision.status === "pending" ? null : now,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: actions.id });
        await recordAudit(tx, {
          tenantId: token.tenantId,
          actor: tokenActor(token),
          verb: "action.proposed",
          target: { type: "action", id: row!.id, label: a.actionKey },
          spaceId: token.spaceId,
          after: {
            personaId: persona.id,
            appId: token.appId,
            environment: token.environment,
            action: a.actionKey,
            status: decision.status,
            reasonCode: decision.reasonCode,
          },
        });
        if (decision.status === "pending") await notify(tx, { tenantId: token.tenantId, spaceId: token.spaceId, personaId: persona.id, subjectId: id, kind: "review_waiting", title: `${persona.name} proposes ${a.actionKey}`, body: `${token.environment}${decision.risk ? ` · ${decision.risk} risk` : ""} · needs ${decision.requiredApprovals} approval${decision.requiredApprovals === 1 ? "" : "s"}`, href: `/reviews/${id}` });
        await notifyActionChanged(tx, row!.id);
        return { kind: "created", body } as const;
      });
    } catch (e) {
      if (e instanceof Abort) return e.result;
      // Backstop: a duplicate slipped past the lock (should not happen) → replay it.
      if (a.idempotencyKey && isUniqueViolation(e) && attempt < 2) continue;
      throw e;
    }
  }
}

function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    if ((cur as { code?: string }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** An action as the runtime sees it. */
export interface RuntimeActionView {
  id: string;
  persona: string;
  action: string;
  status: ActionStatus;
  reasonCode: ReasonCode;
  decidedBy: DecidedBy | null;
  requiredApprovals: number;
  reviews: { decision: "approve" | "reject"; comment: string | null; at: string }[];
  decidedAt: string | null;
  expiresAt: string | null;
  outcome: { status: OutcomeStatus; at: string } | null;
  createdAt: string;
}

const viewColumns = {
  id: actions.id,
  personaId: actions.personaId,
  actionKey: actions.actionKey,
  status: actions.status,
  reasonCode: actions.reasonCode,
  decidedBy: actions.decidedBy,
  requiredApprovals: actions.requiredApprovals,
  decidedAt: actions.decidedAt,
  expiresAt: actions.expiresAt,
  outcomeStatus: actions.outcomeStatus,
  outcomeAt: actions.outcomeAt,
  createdAt: actions.createdAt,
};
type ViewRow = {
  id: string;
  personaId: string;
  actionKey: string;
  status: ActionStatus;
  reasonCode: ReasonCode;
  decidedBy: DecidedBy | null;
  requiredApprovals: number;
  decidedAt: Date | null;
  expiresAt: Date | null;
  outcomeStatus: OutcomeStatus | null;
  outcomeAt: Date | null;
  createdAt: Date;
};

/** A pending action past its expiry is expired (fail closed), even before a sweeper writes it. */
export function effectiveStatus(row: { status: ActionStatus; expiresAt: Date | null }, now = new Date()): ActionStatus {
  if (row.status === "pending" && row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return row.status;
}

function toView(row: ViewRow, rv: RuntimeActionView["reviews"], now: Date): RuntimeActionView {
  return {
    id: row.id,
    persona: row.personaId,
    action: row.actionKey,
    status: effectiveStatus(row, now),
    reasonCode: row.reasonCode,
    decidedBy: row.decidedBy,
    requiredApprovals: row.requiredApprovals,
    reviews: rv,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    outcome: row.outcomeStatus && row.outcomeAt ? { status: row.outcomeStatus, at: row.outcomeAt.toISOString() } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function scope(token: Pick<RuntimeTokenContext, "tenantId" | "appId" | "environment">) {
  return and(eq(actions.tenantId, token.tenantId), eq(actions.appId, token.appId), eq(actions.environment, token.environment));
}

/** One action of the token's app + environment, with its reviews (no reviewer emails). */
export async function getRuntimeAction(
  db: Executor,
  token: Pick<RuntimeTokenContext, "tenantId" | "appId" | "environment">,
  actionId: string,
  now = new Date(),
): Promise<RuntimeActionView | null> {
  if (!isUuid(actionId)) return null;
  const [row] = await db.select(viewColumns).from(actions).where(and(eq(actions.id, actionId), scope(token))).limit(1);
  if (!row) return null;
  const rv = await db
    .select({ decision: reviews.decision, comment: reviews.comment, at: reviews.createdAt })
    .from(reviews)
    .where(and(eq(reviews.actionId, actionId), eq(reviews.tenantId, token.tenantId)))
    .orderBy(asc(reviews.createdAt));
  return toView(row, rv.map((r) => ({ decision: r.decision, comment: r.comment, at: r.at.toISOString() })), now);
}

/** The token's app + environment actions for a persona, newest first (keyset on createdAt, id). */
export async function listRuntimeActions(
  db: Executor,
  token: Pick<RuntimeTokenContext, "tenantId" | "appId" | "environment">,
  q: { personaId: string; statuses?: ActionStatus[]; after?: { createdAt: Date; id: string }; limit: number },
  now = new Date(),
): Promise<{ items: RuntimeActionView[]; next: { createdAt: Date; id: string } | null }> {
  const conds = [scope(token), eq(actions.personaId, q.personaId)];
  if (q.statuses?.length) conds.push(inArray(actions.status, q.statuses));
  if (q.after) {
    conds.push(
      or(
        lt(actions.createdAt, q.after.createdAt),
        and(eq(actions.createdAt, q.after.createdAt), lt(actions.id, q.after.id)),
      )!,
    );
  }
  const rows = await db
    .select(viewColumns)
    .from(actions)
    .where(and(...conds))
    .orderBy(desc(actions.createdAt), desc(actions.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const rv = ids.length
    ? await db
        .select({ actionId: reviews.actionId, decision: reviews.decision, comment: reviews.comment, at: reviews.createdAt })
        .from(reviews)
        .where(and(inArray(reviews.actionId, ids), eq(reviews.tenantId, token.tenantId)))
        .orderBy(asc(reviews.createdAt))
    : [];
  const items = page.map((r) =>
    toView(
      r,
      rv.filter((x) => x.actionId === r.id).map((x) => ({ decision: x.decision, comment: x.comment, at: x.at.toISOString() })),
      now,
    ),
  );
  const last = page[page.length - 1];
  return { items, next: rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export type ChangeResult = { kind: "ok"; view: RuntimeActionView } | { kind: "not_found" } | { kind: "conflict"; status: ActionStatus };

/** The runtime withdraws a pending action (conditional update: the first change wins). */
export async function cancelRuntimeAction(db: Db, token: TokenScope, actionId: string, now = new Date()): Promise<ChangeResult> {
  if (!isUuid(actionId)) return { kind: "not_found" };
  const result = await auditedTransaction(
    db,
    async (tx): Promise<ChangeResult> => {
      const [row] = await tx
        .update(actions)
        .set({ status: "cancelled", decidedAt: now, decidedBy: "system", updatedAt: now })
        .where(
          and(
            eq(actions.id, actionId),
            scope(token),
            eq(actions.status, "pending"),
            or(isNull(actions.expiresAt), gt(actions.expiresAt, now)),
          ),
        )
        .returning({ id: actions.id, actionKey: actions.actionKey });
      if (!row) {
        const current = await getRuntimeAction(tx, token, actionId, now);
        return current ? { kind: "conflict", status: current.status } : { kind: "not_found" };
      }
      await recordAudit(tx, {
        tenantId: token.tenantId,
        actor: tokenActor(token),
        verb: "action.cancelled",
        target: { type: "action", id: row.id, label: row.actionKey },
        spaceId: token.spaceId,
        before: { status: "pending" },
        after: { status: "cancelled", by: "runtime" },
      });
      await notifyActionChanged(tx, row.id);
      return { kind: "ok", view: (await getRuntimeAction(tx, token, actionId, now))! };
    },
    { requireAudit: false },
  );
  return result;
}

export interface OutcomeInput {
  status: OutcomeStatus;
  output: unknown;
  error: string | null;
}

/**
 * Report the outcome of an approved action. An identical repeat is a safe retry (ok);
 * a different outcome, or any other status, is a conflict.
 */
export async function reportRuntimeOutcome(
  db: Db,
  token: TokenScope,
  actionId: string,
  outcome: OutcomeInput,
  same: (stored: OutcomeInput) => boolean,
  now = new Date(),
): Promise<ChangeResult> {
  if (!isUuid(actionId)) return { kind: "not_found" };
  return auditedTransaction(
    db,
    async (tx): Promise<ChangeResult> => {
      const [row] = await tx
        .update(actions)
        .set({
          status: outcome.status,
          outcomeStatus: outcome.status,
          outcomeOutput: outcome.output ?? null,
          outcomeError: outcome.error,
          outcomeAt: now,
          updatedAt: now,
        })
        .where(and(eq(actions.id, actionId), scope(token), eq(actions.status, "approved"), isNull(actions.outcomeStatus)))
        .returning({ id: actions.id, actionKey: actions.actionKey });
      if (!row) {
        const [stored] = await tx
          .select({
            status: actions.status,
            outcomeStatus: actions.outcomeStatus,
            outcomeOutput: actions.outcomeOutput,
            outcomeError: actions.outcomeError,
          })
          .from(actions)
          .where(and(eq(actions.id, actionId), scope(token)))
          .limit(1);
        if (!stored) return { kind: "not_found" };
        if (
          stored.outcomeStatus &&
          same({ status: stored.outcomeStatus, output: stored.outcomeOutput, error: stored.outcomeError })
        ) {
          return { kind: "ok", view: (await getRuntimeAction(tx, token, actionId, now))! };
        }
        return { kind: "conflict", status: stored.status };
      }
      await recordAudit(tx, {
        tenantId: token.tenantId,
        actor: tokenActor(token),
        verb: "action.outcome_reported",
        target: { type: "action", id: row.id, label: row.actionKey },
        spaceId: token.spaceId,
        before: { status: "approved" },
        after: { status: outcome.status, error: outcome.error },
      });
      await notifyActionChanged(tx, row.id);
      return { kind: "ok", view: (await getRuntimeAction(tx, token, actionId, now))! };
    },
    { requireAudit: false },
  );
}

export type { Environment };
