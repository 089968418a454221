import { and, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { can } from "../../lib/domain/permissions";
import { NOTIFICATION_AUDIENCE, NOTIFICATION_KINDS, type NotificationKind } from "../../lib/notifications/kinds";
import { listAccessibleSpaces } from "../access";
import type { Executor } from "../client";
import { memberships, notificationReads, notifications, personas, spaces } from "../schema";

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string;
  createdAt: Date;
  read: boolean;
  spaceId: string;
  spaceName: string;
  personaName: string | null;
}

/**
 * Which notifications a person receives, resolved now: in the person's tenant, in a space
 * they can see where their effective role has the kind's permission, not caused by
 * themselves, and not older than their membership. Null when they receive nothing.
 */
async function audienceCondition(db: Executor, actor: Actor): Promise<SQL | null> {
  const access = await listAccessibleSpaces(db, actor);
  const byKind: SQL[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const ids = [...access].filter(([, role]) => can(role, NOTIFICATION_AUDIENCE[kind])).map(([id]) => id);
    if (ids.length) byKind.push(and(eq(notifications.kind, kind), inArray(notifications.spaceId, ids))!);
  }
  if (byKind.length === 0) return null;
  return and(
    eq(notifications.tenantId, actor.tenantId),
    or(...byKind),
    or(isNull(notifications.actorMembershipId), ne(notifications.actorMembershipId, actor.membershipId)),
    sql`${notifications.createdAt} >= (select ${memberships.createdAt} from ${memberships} where ${memberships.id} = ${actor.membershipId})`,
  )!;
}

const readJoin = (actor: Actor) =>
  and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.membershipId, actor.membershipId));

/** Newest first, keyset-paginated by id (UUID v7, time-ordered). */
export async function listNotifications(
  db: Executor,
  actor: Actor,
  opts: { limit?: number; before?: string | null; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationItem[]; nextCursor: string | null }> {
  const audience = await audienceCondition(db, actor);
  if (!audience) return { items: [], nextCursor: null };
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      href: notifications.href,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
      spaceId: notifications.spaceId,
      spaceName: spaces.name,
      personaName: personas.name,
    })
    .from(notifications)
    .innerJoin(spaces, and(eq(spaces.id, notifications.spaceId), eq(spaces.tenantId, notifications.tenantId)))
    .leftJoin(personas, and(eq(personas.id, notifications.personaId), eq(personas.tenantId, notifications.tenantId)))
    .leftJoin(notificationReads, readJoin(actor))
    .where(
      and(
        audience,
        opts.before ? lt(notifications.id, opts.before) : undefined,
        opts.unreadOnly ? isNull(notificationReads.notificationId) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ readAt, ...r }) => ({ ...r, read: readAt !== null }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Unread notifications of the person, counted up to `cap` (the bell shows "99+"). */
export async function countUnreadNotifications(db: Executor, actor: Actor, cap = 100): Promise<number> {
  const audience = await audienceCondition(db, actor);
  if (!audience) return 0;
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .leftJoin(notificationReads, readJoin(actor))
    .where(and(audience, isNull(notificationReads.notificationId)))
    .limit(cap);
  return rows.length;
}

/*
 * Marking read is a personal preference, not governance: it changes nothing anyone else
 * sees and decides nothing, so it is not audited (an audit event per click would bury the
 * chain in noise). These are plain writes, not `auditedTransaction`; the server actions
 * still authorize the person, and a person can only mark what they receive.
 */

/** Mark one notification read for the person; false when it is not theirs to see. */
export async function markNotificationRead(db: Executor, actor: Actor, notificationId: string): Promise<boolean> {
  const audience = await audienceCondition(db, actor);
  if (!audience) return false;
  const [n] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(audience, eq(notifications.id, notificationId)));
  if (!n) return false;
  await db
    .insert(notificationReads)
    .values({ tenantId: actor.tenantId, notificationId: n.id, membershipId: actor.membershipId })
    .onConflictDoNothing();
  return true;
}

/** Mark everything the person receives as read; returns how many were unread. */
export async function markAllNotificationsRead(db: Executor, actor: Actor): Promise<number> {
  const audience = await audienceCondition(db, actor);
  if (!audience) return 0;
  const unread = db
    .select({
      tenantId: notifications.tenantId,
      notificationId: notifications.id,
      membershipId: sql<string>`${actor.membershipId}::uuid`.as("membership_id"),
      readAt: sql<Date>`now()`.as("read_at"),
    })
    .from(notifications)
    .leftJoin(notificationReads, readJoin(actor))
    .where(and(audience, isNull(notificationReads.notificationId)));
  const inserted = await db
    .insert(notificationReads)
    .select(unread)
    .onConflictDoNothing()
    .returning({ id: notificationReads.notificationId });
  return inserted.length;
}
