/**
 * A readable before/after diff of an audit event: which fields were added, removed
 * or changed, with dotted paths for nested objects. Arrays and scalars compare as
 * whole values (a changed list reads "a, b → a, c", not index by index).
 */
export type ChangeKind = "added" | "removed" | "changed";

export interface FieldChange {
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Field-level changes from `before` to `after`, in a stable order (after's keys, then removed ones). */
export function diffChanges(before: unknown, after: unknown, maxDepth = 3): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (b: unknown, a: unknown, path: string, depth: number) => {
    if (b === undefined && a === undefined) return;
    if (isPlainObject(b) && isPlainObject(a) && depth < maxDepth) {
      for (const k of Object.keys(a)) walk(b[k], a[k], path ? `${path}.${k}` : k, depth + 1);
      for (const k of Object.keys(b)) if (!(k in a)) walk(b[k], undefined, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if ((b === undefined || b === null) && isPlainObject(a) && depth < maxDepth) {
      // Nothing before (a creation, or a new nested object): list its fields.
      for (const k of Object.keys(a)) walk(undefined, a[k], path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if ((a === undefined || a === null) && isPlainObject(b) && depth < maxDepth) {
      for (const k of Object.keys(b)) walk(b[k], undefined, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if (b === undefined || b === null) {
      if (a !== undefined && a !== null) out.push({ path: path || "value", kind: "added", after: a });
      return;
    }
    if (a === undefined || a === null) {
      out.push({ path: path || "value", kind: "removed", before: b });
      return;
    }
    if (!same(b, a)) out.push({ path: path || "value", kind: "changed", before: b, after: a });
  };
  walk(before ?? undefined, after ?? undefined, "", 0);
  return out;
}

/** One value as short readable text for a diff line. */
export function formatDiffValue(v: unknown, max = 80): string {
  let text: string;
  if (typeof v === "string") text = v;
  else if (Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null)) text = v.length ? v.join(", ") : "(none)";
  else if (v === undefined) text = "—";
  else text = JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
