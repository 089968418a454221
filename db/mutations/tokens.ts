import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import type { Environment, TenantRole } from "../../lib/domain/constants";
import { ConflictError, NotFoundError, UserError } from "../../lib/errors";
import { generateToken } from "../../lib/runtime/tokens";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { apps, runtimeTokens, spaces } from "../schema";

export interface NewToken {
  spaceId: string;
  appId: string;
  environment: Environment;
  name: string;
  /** Days until it expires; null = no expiry. */
  expiresInDays: number | null;
}

/** The token in clear is returned here once and never stored (only its hash). */
export interface IssuedTokenResult {
  id: string;
  token: string;
  prefix: string;
}

async function loadSpace(tx: Tx, actor: Actor, spaceId: string) {
  const [space] = await tx
    .select({ id: spaces.id, environments: spaces.environments, status: spaces.status, archivedAt: spaces.archivedAt })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  if (!space) throw new NotFoundError("That space");
  return space;
}

/** Issue a runtime token for one app and one environment the space allows. */
export async function insertRuntimeToken(tx: Tx, actor: Actor, role: TenantRole, input: NewToken): Promise<IssuedTokenResult> {
  const space = await loadSpace(tx, actor, input.spaceId);
  if (space.archivedAt || space.status === "archived") throw new UserError("An archived space cannot issue tokens.");
  if (!space.environments.includes(input.environment)) {
    throw new UserError("This space may not touch that environment.", {
      environment: [`This space allows ${space.environments.join(", ")} only.`],
    });
  }
  const [app] = await tx
    .select({ id: apps.id, name: apps.name })
    .from(apps)
    .where(and(eq(apps.id, input.appId), eq(apps.spaceId, input.spaceId), eq(apps.tenantId, actor.tenantId), isNull(apps.archivedAt)));
  if (!app) throw new UserError("Pick an app of this space.", { appId: ["Pick an app of this space."] });
  const issued = generateToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const [row] = await tx
    .insert(runtimeTokens)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      appId: app.id,
      environment: input.environment,
      name: input.name,
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt,
      createdByMembershipId: actor.membershipId,
    })
    .returning({ id: runtimeTokens.id });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "token.created",
    target: { type: "token", id: row!.id, label: input.name },
    spaceId: input.spaceId,
    after: { name: input.name, prefix: issued.prefix, appId: app.id, app: app.name, environment: input.environment, expiresAt },
  });
  return { id: row!.id, token: issued.token, prefix: issued.prefix };
}

async function loadToken(tx: Tx, actor: Actor, spaceId: string, tokenId: string) {
  const [t] = await tx
    .select({
      id: runtimeTokens.id,
      name: runtimeTokens.name,
      prefix: runtimeTokens.prefix,
      appId: runtimeTokens.appId,
      environment: runtimeTokens.environment,
      expiresAt: runtimeTokens.expiresAt,
      revokedAt: runtimeTokens.revokedAt,
      graceEndsAt: runtimeTokens.graceEndsAt,
    })
    .from(runtimeTokens)
    .where(and(eq(runtimeTokens.id, tokenId), eq(runtimeTokens.spaceId, spaceId), eq(runtimeTokens.tenantId, actor.tenantId)))
    .for("update");
  if (!t) throw new NotFoundError("That token");
  return t;
}

/**
 * The one place runtime tokens are revoked: the live tokens of a space matching `scope`
 * (one token, an app, some environments, or all) get `revokedAt`/`revokedReason`, and each
 * gets a `token.revoked` audit event. The gateway reads tokens on every request (no cache),
 * so the next request with a revoked token gets 401. Returns the tokens revoked.
 */
export async function revokeTokens(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  scope: { spaceId: string; tokenId?: string; appId?: string; environments?: Environment[] },
  reason: string,
): Promise<{ id: string; name: string; environment: Environment }[]> {
  if (scope.environments && scope.environments.length === 0) return [];
  const now = new Date();
  const revoked = await tx
    .update(runtimeTokens)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(runtimeTokens.tenantId, actor.tenantId),
        eq(runtimeTokens.spaceId, scope.spaceId),
        scope.tokenId ? eq(runtimeTokens.id, scope.tokenId) : undefined,
        scope.appId ? eq(runtimeTokens.appId, scope.appId) : undefined,
        scope.environments ? inArray(runtimeTokens.environment, scope.environments) : undefined,
        isNull(runtimeTokens.revokedAt),
      ),
    )
    .returning({ id: runtimeTokens.id, name: runtimeTokens.name, environment: runtimeTokens.environment });
  for (const t of revoked) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "token.revoked",
      target: { type: "token", id: t.id, label: t.name },
      spaceId: scope.spaceId,
      before: { revokedAt: null },
      after: { revokedAt: now, environment: t.environment, reason },
    });
  }
  return revoked;
}

/** An operator revokes one token at once: the next request with it gets 401. */
export async function revokeRuntimeToken(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; tokenId: string },
): Promise<{ id: string }> {
  const t = await loadToken(tx, actor, input.spaceId, input.tokenId);
  if (t.revokedAt) throw new ConflictError("This token is already revoked.");
  await revokeTokens(tx, actor, role, { spaceId: input.spaceId, tokenId: t.id }, "revoked by an operator");
  return { id: t.id };
}

/**
 * Rotate: a new token for the same app, environment and name (shown once); the old one
 * keeps working until `graceHours` from now (or its own expiry, if sooner), then stops.
 */
export async function rotateRuntimeToken(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; tokenId: string; graceHours: number },
): Promise<IssuedTokenResult & { graceEndsAt: string }> {
  const t = await loadToken(tx, actor, input.spaceId, input.tokenId);
  const now = new Date();
  if (t.revokedAt) throw new ConflictError("A revoked token cannot be rotated; create a new one.");
  if (t.expiresAt && t.expiresAt <= now) throw new ConflictError("An expired token cannot be rotated; create a new one.");
  if (t.graceEndsAt) throw new ConflictError("This token was already rotated.");
  const space = await loadSpace(tx, actor, input.spaceId);
  if (!space.environments.includes(t.environment)) throw new UserError("This space no longer allows the token's environment.");
  const issued = generateToken();
  const [row] = await tx
    .insert(runtimeTokens)
    .values({
      tenantId: actor.tenantId,
      spaceId: input.spaceId,
      appId: t.appId,
      environment: t.environment,
      name: t.name,
      prefix: issued.prefix,
      tokenHash: issued.hash,
      expiresAt: t.expiresAt,
      createdByMembershipId: actor.membershipId,
    })
    .returning({ id: runtimeTokens.id });
  const graceEndsAt = new Date(now.getTime() + input.graceHours * 3_600_000);
  await tx.update(runtimeTokens).set({ graceEndsAt, replacedByTokenId: row!.id }).where(eq(runtimeTokens.id, t.id));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "token.rotated",
    target: { type: "token", id: t.id, label: t.name },
    spaceId: input.spaceId,
    before: { prefix: t.prefix },
    after: { replacedBy: row!.id, newPrefix: issued.prefix, graceEndsAt },
  });
  return { id: row!.id, token: issued.token, prefix: issued.prefix, graceEndsAt: graceEndsAt.toISOString() };
}
