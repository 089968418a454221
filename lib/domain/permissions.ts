/**
 * What a person may do (design.md, "Who uses it, and what they may do"). "Permission" is about
 * people; what a persona may do is a "capability" (catalog.ts) — never mix them.
 *
 * One table maps roles to permissions; one pure `can()` serves server and UI. An unknown role
 * gets nothing.
 */
import { SPACE_ROLES, TENANT_ROLES, rank, type SpaceRole, type TenantRole } from "./constants";

/** Every permission, `resource:verb`. */
export const PERMISSIONS = [
  /** Read spaces, personas, apps, boundaries, rollout, reports. */
  "spaces:read",
  /** Read action inputs, memory values, audit details (viewers see aggregates only). */
  "details:read",
  /** Manage spaces, apps, personas, connections, capability grants, tokens. */
  "spaces:manage",
  /** Pause / resume a persona (kill switch). */
  "personas:pause",
  /** Decide actions (approve / reject). */
  "actions:decide",
  /** Request a stage advance, roll back. */
  "stages:request",
  /** Sign off a stage advance, override a failed gate, edit gate thresholds. */
  "stages:signoff",
  /** Manage members, teams, space grants. */
  "members:manage",
  /** Verify the tenant's audit chain. */
  "audit:verify",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The role → permission table. Operators do not decide actions; reviewers do not manage. */
export const ROLE_PERMISSIONS: { readonly [R in TenantRole]: readonly Permission[] } = {
  owner: [
    "spaces:read",
    "details:read",
    "spaces:manage",
    "personas:pause",
    "actions:decide",
    "stages:request",
    "stages:signoff",
    "members:manage",
    "audit:verify",
  ],
  operator: ["spaces:read", "details:read", "spaces:manage", "personas:pause", "stages:request"],
  reviewer: ["spaces:read", "details:read", "actions:decide"],
  viewer: ["spaces:read"],
};

/** How roles are shown to people. */
export const ROLE_LABELS: { readonly [R in TenantRole]: string } = {
  owner: "Owner",
  operator: "Operator",
  reviewer: "Reviewer",
  viewer: "Viewer (evaluator)",
};

/** True when `role` is one of the tenant roles (own keys only: "constructor" is not a role). */
export function isTenantRole(role: unknown): role is TenantRole {
  return typeof role === "string" && (TENANT_ROLES as readonly string[]).includes(role);
}

/** The permissions of a role; empty for an unknown, empty or missing role. */
export function permissionsFor(role: string | null | undefined): readonly Permission[] {
  return isTenantRole(role) ? ROLE_PERMISSIONS[role] : [];
}

/** Whether `role` has `permission`. Unknown role → false; never throws. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return permissionsFor(role).includes(permission);
}

/** The weaker of two roles (owner > operator > reviewer > viewer). */
export function lowerRole(a: TenantRole, b: TenantRole): TenantRole {
  return rank(TENANT_ROLES, a) >= rank(TENANT_ROLES, b) ? a : b;
}

/**
 * A person's effective role in one space. Owners are "owner" in every space, grant or not.
 * Anyone else needs a space grant (to them or to one of their teams): with none, null (no
 * access, answer 404); otherwise the lower of their tenant role and the highest granted space
 * role. An unknown tenant role, or grants naming no known space role, give null.
 */
export function effectiveSpaceRole(
  tenantRole: string | null | undefined,
  spaceGrantRoles: readonly SpaceRole[],
): TenantRole | null {
  if (!isTenantRole(tenantRole)) return null;
  if (tenantRole === "owner") return "owner";
  const granted = spaceGrantRoles.filter((r) => (SPACE_ROLES as readonly string[]).includes(r));
  if (granted.length === 0) return null;
  const highest = granted.reduce((best, r) => (rank(SPACE_ROLES, r) < rank(SPACE_ROLES, best) ? r : best));
  return lowerRole(tenantRole, highest);
}
