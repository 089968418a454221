import { getDb } from "@/db";
import { iterateAuditEvents, type AuditRow } from "@/db/queries/console";
import { parseAuditFilters } from "@/lib/audit-filters";
import { can } from "@/lib/domain/permissions";
import { getCurrentActor } from "@/lib/server/session";

const CSV_COLUMNS = ["seq", "at", "actor_kind", "actor", "actor_role", "verb", "target_type", "target", "target_id", "space_id", "before", "after"] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : v instanceof Date ? v.toISOString() : JSON.stringify(v);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csvLine(e: AuditRow, withDetails: boolean): string {
  const cells = [e.seq, e.at, e.actorKind, e.actorLabel, e.actorRole, e.verb, e.targetType, e.targetLabel, e.targetId, e.spaceId, withDetails ? e.before : null, withDetails ? e.after : null];
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * The filtered audit log as CSV or JSON Lines, streamed a page at a time (never
 * built in memory). Same scoping as the page: the actor's tenant, visible spaces,
 * and before/after only for roles that may read details.
 */
export async function GET(req: Request) {
  const actor = await getCurrentActor();
  if (!actor) return new Response("Sign in again.", { status: 401 });
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  const { filters } = parseAuditFilters(Object.fromEntries(url.searchParams));
  const withDetails = can(actor.tenantRole, "details:read");
  const db = await getDb();
  const encoder = new TextEncoder();
  const events = iterateAuditEvents(db, actor, { withDetails, filters });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\n`));
    },
    // One chunk per page of events: a million one-line chunks would cost more than the query.
    async pull(controller) {
      let chunk = "";
      for (let i = 0; i < 1000; i++) {
        const next = await events.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          return controller.close();
        }
        const e = next.value;
        chunk +=
          format === "csv"
            ? csvLine(e, withDetails)
            : `${JSON.stringify({ seq: e.seq, at: e.at, actor: { kind: e.actorKind, label: e.actorLabel, role: e.actorRole }, verb: e.verb, target: { type: e.targetType, label: e.targetLabel, id: e.targetId }, spaceId: e.spaceId, ...(withDetails ? { before: e.before, after: e.after } : {}) })}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${actor.tenantName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
