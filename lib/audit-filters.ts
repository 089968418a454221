import { z } from "zod";
import { AUDIT_VERBS } from "./audit-verbs";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** Audit filters from a URL (page and export share them); anything malformed is ignored. */
export const AuditFiltersInput = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  verb: z.enum(AUDIT_VERBS).optional().catch(undefined),
  targetType: z.string().trim().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  spaceId: z.uuid().optional().catch(undefined),
  from: day,
  to: day,
});

export type AuditFiltersQuery = z.infer<typeof AuditFiltersInput>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const q = AuditFiltersInput.parse(flat);
  return {
    query: q,
    filters: {
      actor: q.actor || undefined,
      verb: q.verb,
      targetType: q.targetType,
      spaceId: q.spaceId,
      from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
      // "to" is inclusive of the whole day.
      to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    },
  };
}

export function auditQueryString(q: AuditFiltersQuery, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
