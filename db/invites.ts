import { and, eq, gt, isNull } from "drizzle-orm";
import { UserError } from "../lib/errors";
import { auditedTransaction, recordAudit } from "./audit";
import type { Db, Executor } from "./client";
import { hashInviteToken } from "./mutations/members";
import { memberInvites, memberships, tenants, users } from "./schema";

export interface InviteInfo {
  inviteId: string;
  tenantName: string;
  email: string;
  name: string;
  hasPassword: boolean;
}

/** A usable (unused, unexpired, membership still active) invitation, by its token. */
export async function findInvite(db: Executor, token: string): Promise<InviteInfo | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({
      inviteId: memberInvites.id,
      tenantName: tenants.name,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
    })
    .from(memberInvites)
    .innerJoin(memberships, and(eq(memberships.id, memberInvites.membershipId), eq(memberships.tenantId, memberInvites.tenantId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberInvites.tenantId))
    .where(
      and(
        eq(memberInvites.tokenHash, hashInviteToken(token)),
        isNull(memberInvites.usedAt),
        gt(memberInvites.expiresAt, new Date()),
        isNull(memberships.removedAt),
      ),
    );
  if (!row) return null;
  const { passwordHash, ...info } = row;
  return { ...info, hasPassword: passwordHash !== null };
}

/**
 * Accept an invitation: the person chooses their name and password; the link is
 * used up in the same transaction (a second use finds nothing). Audited.
 */
export async function acceptInvite(
  db: Db,
  token: string,
  input: { name: string; passwordHash: string },
): Promise<{ email: string } | null> {
  return auditedTransaction(
    db,
    async (tx) => {
      const used = await tx
        .update(memberInvites)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(memberInvites.tokenHash, hashInviteToken(token)),
            isNull(memberInvites.usedAt),
            gt(memberInvites.expiresAt, new Date()),
          ),
        )
        .returning({ tenantId: memberInvites.tenantId, membershipId: memberInvites.membershipId });
      const invite = used[0];
      if (!invite) return null;
      const [m] = await tx
        .select({ userId: memberships.userId, role: memberships.role, email: users.email, passwordHash: users.passwordHash })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.id, invite.membershipId), isNull(memberships.removedAt)));
      if (!m || m.passwordHash) throw new UserError("This invitation can no longer be used. Sign in with your password instead.");
      await tx
        .update(users)
        .set({ name: input.name, passwordHash: input.passwordHash, passwordChangedAt: new Date() })
        .where(eq(users.id, m.userId));
      await recordAudit(tx, {
        tenantId: invite.tenantId,
        actor: { kind: "user", userId: m.userId, label: m.email, role: m.role },
        verb: "member.joined",
        target: { type: "member", id: invite.membershipId, label: m.email },
      });
      return { email: m.email };
    },
    { requireAudit: false },
  );
}
