import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { RoleBadge } from "@/components/console/role-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { JsonViewer } from "@/components/ui/json-viewer";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listAuditEvents } from "@/db/queries/console";
import type { TenantRole } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";
import { VerifyChainButton } from "./_components/verify-chain-button";
import { verifyChain } from "./actions";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireActor();
  const { before } = await searchParams;
  const beforeSeq = before && /^\d+$/.test(before) ? Number(before) : undefined;
  const withDetails = can(actor.tenantRole, "details:read");
  const { rows, nextBeforeSeq } = await listAuditEvents(await getDb(), actor, { beforeSeq, withDetails });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit log"
        description="Every change, by a person, a runtime token or the system. Append-only and hash-chained per tenant."
        actions={can(actor.tenantRole, "audit:verify") ? <VerifyChainButton action={verifyChain} /> : null}
      />
      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No audit events" description="Events appear here as soon as anything changes in this tenant." />
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
                    <TableCell className="max-w-md">
                      {e.before || e.after ? (
                        <JsonViewer value={{ before: e.before ?? undefined, after: e.after ?? undefined }} expandDepth={0} label={`Change of event ${e.seq}`} />
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            previousHref={beforeSeq ? "/audit" : undefined}
            nextHref={nextBeforeSeq ? `/audit?before=${nextBeforeSeq}` : undefined}
            summary={`Events #${rows[rows.length - 1]!.seq}–#${rows[0]!.seq}`}
          />
        </>
      )}
    </div>
  );
}
