import { describe, expect, it } from "vitest";
import { SPACE_ROLES, TENANT_ROLES, type SpaceRole, type TenantRole } from "./constants";
import {
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  can,
  effectiveSpaceRole,
  isTenantRole,
  lowerRole,
  permissionsFor,
  type Permission,
} from "./permissions";

/** design.md's permission table, written out by hand (not derived from ROLE_PERMISSIONS). */
const EXPECTED: Record<Permission, Record<TenantRole, boolean>> = {
  "spaces:read": { owner: true, operator: true, reviewer: true, viewer: true },
  "details:read": { owner: true, operator: true, reviewer: true, viewer: false },
  "spaces:manage": { owner: true, operator: true, reviewer: false, viewer: false },
  "personas:pause": { owner: true, operator: true, reviewer: false, viewer: false },
  "actions:decide": { owner: true, operator: false, reviewer: true, viewer: false },
  "stages:request": { owner: true, operator: true, reviewer: false, viewer: false },
  "stages:signoff": { owner: true, operator: false, reviewer: false, viewer: false },
  "members:manage": { owner: true, operator: false, reviewer: false, viewer: false },
  "audit:verify": { owner: true, operator: false, reviewer: false, viewer: false },
};

describe("PERMISSIONS", () => {
  it("are exactly the permissions of the table, resource:verb, unique", () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it("ROLE_PERMISSIONS names only known permissions", () => {
    for (const role of TENANT_ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });
});

describe("can: every role × permission", () => {
  const cases = TENANT_ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, expected: EXPECTED[permission][role] })));
  it("covers 4 × 9 cases", () => expect(cases).toHaveLength(36));

  it.each(cases)("$role $permission → $expected", ({ role, permission, expected }) => {
    expect(can(role, permission)).toBe(expected);
    expect(permissionsFor(role).includes(permission)).toBe(expected);
  });

  it("an operator does not decide actions; a reviewer does not manage", () => {
    expect(can("operator", "actions:decide")).toBe(false);
    expect(can("reviewer", "spaces:manage")).toBe(false);
  });
});

describe("unknown roles get nothing", () => {
  it.each([undefined, null, "", "admin", "OWNER", " owner", "owner ", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "%j",
    (role) => {
      for (const p of PERMISSIONS) expect(can(role, p)).toBe(false);
      expect(permissionsFor(role)).toEqual([]);
      expect(isTenantRole(role)).toBe(false);
    },
  );

  it("never throws on junk passed from untyped code", () => {
    const junk = [42, {}, [], Symbol("x"), () => "owner"] as unknown as string[];
    for (const role of junk) expect(() => can(role, "spaces:read")).not.toThrow();
    for (const role of junk) expect(can(role, "spaces:read")).toBe(false);
    expect(can("owner", "nope:nope" as Permission)).toBe(false);
  });
});

describe("labels", () => {
  it("shows viewer as evaluator", () => {
    expect(ROLE_LABELS).toEqual({ owner: "Owner", operator: "Operator", reviewer: "Reviewer", viewer: "Viewer (evaluator)" });
  });
});

describe("lowerRole", () => {
  it.each([
    ["owner", "operator", "operator"],
    ["operator", "owner", "operator"],
    ["reviewer", "operator", "reviewer"],
    ["viewer", "owner", "viewer"],
    ["reviewer", "reviewer", "reviewer"],
  ] as const)("lower(%s, %s) = %s", (a, b, expected) => {
    expect(lowerRole(a, b)).toBe(expected);
  });
});

describe("effectiveSpaceRole", () => {
  /** Every subset of space roles, keyed by name; expected result per tenant role, by hand. */
  const EXPECTED_EFFECTIVE: Record<string, Record<TenantRole, TenantRole | null>> = {
    "": { owner: "owner", operator: null, reviewer: null, viewer: null },
    operator: { owner: "owner", operator: "operator", reviewer: "reviewer", viewer: "viewer" },
    reviewer: { owner: "owner", operator: "reviewer", reviewer: "reviewer", viewer: "viewer" },
    viewer: { owner: "owner", operator: "viewer", reviewer: "viewer", viewer: "viewer" },
    "operator,reviewer": { owner: "owner", operator: "operator", reviewer: "reviewer", viewer: "viewer" },
    "operator,viewer": { owner: "owner", operator: "operator", reviewer: "reviewer", viewer: "viewer" },
    "reviewer,viewer": { owner: "owner", operator: "reviewer", reviewer: "reviewer", viewer: "viewer" },
    "operator,reviewer,viewer": { owner: "owner", operator: "operator", reviewer: "reviewer", viewer: "viewer" },
  };
  const subsets = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => SPACE_ROLES.filter((_, i) => mask & (1 << i)));

  it("the expectation covers every subset", () => {
    expect(subsets.map((s) => s.join(",")).sort()).toEqual(Object.keys(EXPECTED_EFFECTIVE).sort());
  });

  const cases = TENANT_ROLES.flatMap((tenantRole) => subsets.map((grants) => ({ tenantRole, grants })));
  it.each(cases)("tenant $tenantRole with grants $grants", ({ tenantRole, grants }) => {
    const expected = EXPECTED_EFFECTIVE[grants.join(",")]![tenantRole];
    expect(effectiveSpaceRole(tenantRole, grants)).toBe(expected);
    // order and duplicates (direct grant + team grant) do not matter
    expect(effectiveSpaceRole(tenantRole, [...grants].reverse())).toBe(expected);
    expect(effectiveSpaceRole(tenantRole, [...grants, ...grants])).toBe(expected);
  });

  it("an unknown tenant role has no access, even with grants", () => {
    for (const role of [undefined, null, "", "admin", "constructor"]) {
      expect(effectiveSpaceRole(role, ["operator"])).toBeNull();
    }
  });

  it("ignores grant roles that are not space roles", () => {
    expect(effectiveSpaceRole("operator", ["owner" as SpaceRole])).toBeNull();
    expect(effectiveSpaceRole("operator", ["owner" as SpaceRole, "viewer"])).toBe("viewer");
  });

  it("the effective role drives can(): a reviewer-tenant with an operator grant still cannot manage", () => {
    expect(can(effectiveSpaceRole("reviewer", ["operator"]), "spaces:manage")).toBe(false);
    expect(can(effectiveSpaceRole("reviewer", ["operator"]), "actions:decide")).toBe(true);
    expect(can(effectiveSpaceRole("operator", []), "spaces:read")).toBe(false);
  });
});
