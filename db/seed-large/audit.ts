/**
 * Large-tenant seeding for benchmarks: `count` audit events appended to a tenant's
 * chain (valid hashes, so verification works on them too), spread evenly over the
 * last `days` days, in batches of one transaction each.
 */
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { AuditVerb } from "../../lib/audit-verbs";
import { appendAuditEvents, type AuditInput } from "../audit";
import type { Db } from "../client";

const MIX: { verb: AuditVerb; type: string; weight: number }[] = [
  { verb: "action.proposed", type: "action", weight: 40 },
  { verb: "action.approved", type: "action", weight: 20 },
  { verb: "action.outcome_reported", type: "action", weight: 20 },
  { verb: "action.rejected", type: "action", weight: 4 },
  { verb: "memory.written", type: "memory", weight: 8 },
  { verb: "capability.policy_changed", type: "capability_grant", weight: 3 },
  { verb: "token.created", type: "token", weight: 2 },
  { verb: "member.role_changed", type: "member", weight: 2 },
  { verb: "persona.paused", type: "persona", weight: 1 },
];
const WHEEL = MIX.flatMap((m) => Array<(typeof MIX)[number]>(m.weight).fill(m));

export interface LargeAuditOptions {
  count: number;
  days?: number;
  spaceIds?: string[];
  actors?: { label: string; role: "owner" | "operator" | "reviewer" | "viewer"; userId?: string }[];
  batchSize?: number;
  onProgress?: (written: number) => void;
}

export async function seedLargeAudit(db: Db, tenantId: string, opts: LargeAuditOptions): Promise<void> {
  const days = opts.days ?? 365;
  const batchSize = opts.batchSize ?? 2000;
  const spaces = opts.spaceIds?.length ? opts.spaceIds : [null];
  const people = opts.actors?.length ? opts.actors : [{ label: "operator@large.test", role: "operator" as const }];
  // Seven runtime tokens act for the runtime (ids only: benchmarks need no token rows).
  const tokenIds = Array.from({ length: 7 }, () => uuidv7());
  const start = Date.now() - days * 86_400_000;
  const step = (days * 86_400_000) / Math.max(1, opts.count);
  for (let done = 0; done < opts.count; done += batchSize) {
    const n = Math.min(batchSize, opts.count - done);
    const events: AuditInput[] = [];
    for (let i = 0; i < n; i++) {
      const k = done + i;
      const m = WHEEL[k % WHEEL.length]!;
      const person = people[k % people.length]!;
      const byRuntime = m.verb.startsWith("action.proposed") || m.verb === "action.outcome_reported" || m.verb === "memory.written";
      events.push({
        tenantId,
        at: new Date(start + k * step),
        actor: byRuntime ? { kind: "token", tokenId: tokenIds[k % 7], label: `runtime-${k % 7}` } : { kind: "user", userId: person.userId, label: person.label, role: person.role },
        verb: m.verb,
        target: { type: m.type, label: `${m.type.replace(/_/g, " ")} ${k}` },
        spaceId: spaces[k % spaces.length],
        before: m.verb === "member.role_changed" ? { role: "viewer" } : undefined,
        after: m.verb === "action.proposed" ? { capability: "crm", action: "crm.update_contact", risk: "medium" } : m.verb === "member.role_changed" ? { role: "operator" } : undefined,
      });
    }
    await db.transaction((tx) => appendAuditEvents(tx, events));
    opts.onProgress?.(done + n);
  }
  // Fresh statistics, as autovacuum would gather after a bulk load; without them the
  // planner guesses and the benchmark measures the guess.
  await db.execute(sql`ANALYZE audit_events`);
}
