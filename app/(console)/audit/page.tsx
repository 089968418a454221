import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { listSpaces } from "@/db/queries/spaces";
import { auditQueryString, parseAuditFilters } from "@/lib/audit-filters";
import { AUDIT_VERBS } from "@/lib/audit-verbs";
import { RoleBadge } from "@/components/console/role-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditChange } from "@/components/console/audit-change";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listAuditEvents } from "@/db/queries/console";
import { lastChainVerification } from "@/db/queries/audit";
import type { TenantRole } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";
import { ChainStatus } from "./_components/chain-status";
import { VerifyChainButton } from "./_components/verify-chain-button";
import { verifyChain } from "./actions";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const before = typeof sp.before === "string" ? sp.before : undefined;
  const beforeSeq = before && /^\d+$/.test(before) ? Number(before) : undefined;
  const { query, filters } = parseAuditFilters(sp);
  const withDetails = can(actor.tenantRole, "details:read");
  const db = await getDb();
  const [{ rows, nextBeforeSeq }, spaces, lastCheck] = await Promise.all([
    listAuditEvents(db, actor, { beforeSeq, withDetails, filters }),
    listSpaces(db, actor, { includeArchived: true }),
    lastChainVerification(db, actor.tenantId),
  ]);
  const filtered = Object.values(query).some(Boolean);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit log"
        description="Every change, by a person, a runtime token or the system. Append-only and hash-chained per tenant."
        actions={can(actor.tenantRole, "audit:verify") ? <VerifyChainButton action={verifyChain} /> : null}
      />
      <ChainStatus check={lastCheck} />
      <form action="/audit" className="flex flex-wrap items-end gap-3" aria-label="Filter audit events">
        {withDetails ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="audit-actor" className="text-xs font-medium text-muted-foreground">Actor</label>
            <Input id="audit-actor" name="actor" defaultValue={query.actor ?? ""} placeholder="email or token name" className="w-52" />
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-verb" className="text-xs font-medium text-muted-foreground">Verb</label>
          <NativeSelect id="audit-verb" name="verb" defaultValue={query.verb ?? ""}>
            <option value="">Any verb</option>
            {AUDIT_VERBS.map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-target" className="text-xs font-medium text-muted-foreground">Target type</label>
          <NativeSelect id="audit-target" name="targetType" defaultValue={query.targetType ?? ""}>
            <option value="">Any target</option>
            {["tenant", "space", "space_grant", "member", "team", "app", "persona", "capability_grant", "connection", "token", "action", "incident"].map((t) => (
              <option key={t} value={t}>{t.replace(/_/g, " ")}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-space" className="text-xs font-medium text-muted-foreground">Space</label>
          <NativeSelect id="audit-space" name="spaceId" defaultValue={query.spaceId ?? ""}>
            <option value="">Any space</option>
            {spaces.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-from" className="text-xs font-medium text-muted-foreground">From</label>
          <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-to" className="text-xs font-medium text-muted-foreground">To</label>
          <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <Button type="submit" variant="outline">Filter</Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href="/audit">Clear</Link>
          </Button>
        ) : null}
        <div className="ml-auto flex gap-2">
          <Button asChild variant="outline" size="sm">
            <a href={`/api/audit/export${auditQueryString(query, { format: "csv" })}`} download>Export CSV</a>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={`/api/audit/export${auditQueryString(query, { format: "jsonl" })}`} download>Export JSON Lines</a>
          </Button>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title={filtered ? "No event matches these filters" : "No audit events"} description={filtered ? "Widen the filters, or clear them." : "Events appear here as soon as anything changes in this tenant."} />
      ) : (
        <>
          <Table label="Audit events">
            <TableHeader>
              <TableRow>
                <TableHead>#</TableHead>
                <TableHead>When</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Verb</TableHead>
                <TableHead>Target</TableHead>
                {withDetails ? <TableHead>Change</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="tabular-nums text-muted-foreground">{e.seq}</TableCell>
                  <TableCell>
                    <RelativeTime date={e.at} />
                  </TableCell>
                  <TableCell>
                    <div className="flex items-center gap-1.5">
                      <span className="font-medium">{e.actorLabel}</span>
                      {e.actorRole ? <RoleBadge role={e.actorRole as TenantRole} /> : null}
                    </div>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{e.verb}</TableCell>
                  <TableCell>
                    <span className="text-muted-foreground">{e.targetType.replace(/_/g, " ")}</span>{" "}
                    {e.targetLabel ?? ""}
                  </TableCell>
                  {withDetails ? (
                    <TableCell className="min-w-80 max-w-xl align-top">
                      <AuditChange seq={e.seq} before={e.before} after={e.after} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            previousHref={beforeSeq ? `/audit${auditQueryString(query)}` : undefined}
            nextHref={nextBeforeSeq ? `/audit${auditQueryString(query, { before: String(nextBeforeSeq) })}` : undefined}
            summary={`Events #${rows[rows.length - 1]!.seq}–#${rows[0]!.seq}`}
          />
        </>
      )}
    </div>
  );
}
