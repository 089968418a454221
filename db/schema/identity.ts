import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./_columns";
import { tenantRoleEnum } from "./enums";

/** A person who can sign in. Not tenant-owned: one user may belong to several tenants. */
export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    createdAt: createdAt(),
    passwordChangedAt: ts(),
  },
  (t) => [
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    check("users_email_shape", sql`position('@' in ${t.email}) > 1`),
  ],
);

/** The account boundary. Every other row below belongs to exactly one tenant. */
export const tenants = pgTable("tenants", {
  id: id(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  createdAt: createdAt(),
});

/** A user's membership of a tenant, with the tenant role. */
export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: tenantRoleEnum().notNull(),
    /** Ids of this person in the tenant's own product (for self-approval checks). */
    externalIds: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    /** Removed members keep their row (reviews and audit point at it) but lose all access. */
    removedAt: ts(),
  },
  (t) => [
    unique("memberships_tenant_user_uq").on(t.tenantId, t.userId),
    unique("memberships_tenant_id_uq").on(t.tenantId, t.id),
    index("memberships_user_idx").on(t.userId),
  ],
);

/** A one-time sign-in link for an invited member (no mail server is assumed). */
export const memberInvites = pgTable(
  "member_invites",
  {
    id: id(),
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdByMembershipId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "member_invites_membership_fk",
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: id(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    unique("teams_tenant_id_uq").on(t.tenantId, t.id),
    uniqueIndex("teams_tenant_name_uq").on(t.tenantId, sql`lower(${t.name})`),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    tenantId: uuid().notNull(),
    teamId: uuid().notNull(),
    membershipId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.membershipId] }),
    index("team_members_membership_idx").on(t.membershipId),
    foreignKey({
      name: "team_members_team_fk",
      columns: [t.tenantId, t.teamId],
      foreignColumns: [teams.tenantId, teams.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "team_members_membership_fk",
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
  ],
);
