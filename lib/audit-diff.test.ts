import { describe, expect, it } from "vitest";
import { diffChanges, formatDiffValue } from "./audit-diff";

describe("diffChanges", () => {
  it("lists changed, added and removed fields with their values", () => {
    expect(diffChanges({ role: "viewer", name: "Ada", old: 1 }, { role: "operator", name: "Ada", extra: true })).toEqual([
      { path: "role", kind: "changed", before: "viewer", after: "operator" },
      { path: "extra", kind: "added", after: true },
      { path: "old", kind: "removed", before: 1 },
    ]);
  });

  it("uses dotted paths for nested objects", () => {
    expect(diffChanges({ policies: { send: "review", read: "allow" } }, { policies: { send: "allow", read: "allow" } })).toEqual([
      { path: "policies.send", kind: "changed", before: "review", after: "allow" },
    ]);
  });

  it("lists every field of a creation (no before) and of a removal (no after)", () => {
    expect(diffChanges(null, { name: "Support", environments: ["sandbox"] })).toEqual([
      { path: "name", kind: "added", after: "Support" },
      { path: "environments", kind: "added", after: ["sandbox"] },
    ]);
    expect(diffChanges({ name: "Support" }, undefined)).toEqual([{ path: "name", kind: "removed", before: "Support" }]);
    expect(diffChanges({ a: 1 }, { a: 1, policies: { send: "review" } })).toEqual([{ path: "policies.send", kind: "added", after: "review" }]);
  });

  it("compares arrays and deep values as a whole", () => {
    expect(diffChanges({ envs: ["a", "b"] }, { envs: ["a", "b"] })).toEqual([]);
    expect(diffChanges({ envs: ["a", "b"] }, { envs: ["a", "c"] })).toEqual([{ path: "envs", kind: "changed", before: ["a", "b"], after: ["a", "c"] }]);
    expect(diffChanges({ x: { y: { z: { w: 1 } } } }, { x: { y: { z: { w: 2 } } } }, 3)).toEqual([
      { path: "x.y.z", kind: "changed", before: { w: 1 }, after: { w: 2 } },
    ]);
  });

  it("treats scalars at the top level as one value and nothing as no change", () => {
    expect(diffChanges(1, 2)).toEqual([{ path: "value", kind: "changed", before: 1, after: 2 }]);
    expect(diffChanges(null, null)).toEqual([]);
    expect(diffChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe("formatDiffValue", () => {
  it("joins scalar lists, quotes nothing, truncates long values", () => {
    expect(formatDiffValue(["sandbox", "staging"])).toBe("sandbox, staging");
    expect(formatDiffValue([])).toBe("(none)");
    expect(formatDiffValue("x".repeat(100), 10)).toBe("xxxxxxxxx…");
    expect(formatDiffValue({ a: 1 })).toBe('{"a":1}');
    expect(formatDiffValue(undefined)).toBe("—");
  });
});
