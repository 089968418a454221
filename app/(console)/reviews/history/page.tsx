import type { Metadata } from "next";
import Link from "next/link";
import { History } from "lucide-react";
import { ActionStatusBadge } from "@/components/console/action-status-badge";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { RiskBadge } from "@/components/console/risk-badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { HISTORY_STATUSES, listActionHistory } from "@/db/queries/reviews";
import type { ActionStatus } from "@/lib/domain/constants";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Review history" };

function parseCursor(c?: string): { createdAt: Date; id: string } | undefined {
  const m = c?.match(/^(\d+)_([0-9a-f-]{36})$/i);
  return m ? { createdAt: new Date(Number(m[1])), id: m[2]! } : undefined;
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ status?: string; cursor?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const status = HISTORY_STATUSES.includes(sp.status as never) ? (sp.status as ActionStatus) : undefined;
  const { rows, next } = await listActionHistory(await getDb(), actor, { status, before: parseCursor(sp.cursor) });
  const qs = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `/reviews/history?${s}` : "/reviews/history";
  };
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Review history"
        description="Decided, denied, expired and completed actions, newest first, with who decided and what the runtime reported."
        actions={
          <Button asChild variant="outline">
            <Link href="/reviews">Open queue</Link>
          </Button>
        }
      />
      <form className="flex items-end gap-2" action="/reviews/history">
        <div className="flex flex-col gap-1">
          <label htmlFor="history-status" className="text-sm font-medium">
            Status
          </label>
          <NativeSelect id="history-status" name="status" defaultValue={status ?? ""}>
            <option value="">Any decided status</option>
            {HISTORY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={History} title="No decided actions" description="Decisions appear here once reviewers or policies have decided actions." />
      ) : (
        <>
          <Table label="Action history">
            <TableHeader>
              <TableRow>
                <TableHead>Action</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Risk</TableHead>
                <TableHead>Persona · space</TableHead>
                <TableHead>Environment</TableHead>
                <TableHead>Decided by</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Proposed</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-mono text-xs">
                    <Link href={`/reviews/${r.id}`} className="hover:underline">
                      {r.actionKey}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <ActionStatusBadge status={r.status} />
                  </TableCell>
                  <TableCell>{r.risk ? <RiskBadge risk={r.risk} /> : "—"}</TableCell>
                  <TableCell>
                    {r.personaName} · <span className="text-muted-foreground">{r.spaceName}</span>
                  </TableCell>
                  <TableCell>
                    <EnvironmentChip environment={r.environment} />
                  </TableCell>
                  <TableCell>{r.decidedBy ?? "—"}</TableCell>
                  <TableCell>{r.outcomeStatus ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>
                    <RelativeTime date={r.createdAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            previousHref={sp.cursor ? qs({}) : undefined}
            nextHref={next ? qs({ cursor: `${next.createdAt.getTime()}_${next.id}` }) : undefined}
            summary={`${rows.length} actions`}
          />
        </>
      )}
    </div>
  );
}
