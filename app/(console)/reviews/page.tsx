import type { Metadata } from "next";
import { Inbox } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { RiskBadge } from "@/components/console/risk-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listPendingActions } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor();
  const pending = await listPendingActions(await getDb(), actor);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Reviews"
        description="Actions personas proposed that wait for a reviewer, highest risk first, then newest."
      />
      {pending.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing to review" description="When a persona proposes an action its policy sends to review, it appears here." />
      ) : (
        <Table label="Pending actions" containerClassName="max-h-[75vh]">
          <TableHeader>
            <TableRow>
              <TableHead>Action</TableHead>
              <TableHead>Risk</TableHead>
              <TableHead>Persona</TableHead>
              <TableHead>Space · app</TableHead>
              <TableHead>Environment</TableHead>
              <TableHead>Approvals needed</TableHead>
              <TableHead>Proposed</TableHead>
              <TableHead>Expires</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {pending.map((a) => (
              <TableRow key={a.id}>
                <TableCell className="font-mono text-xs">{a.actionKey}</TableCell>
                <TableCell>{a.risk ? <RiskBadge risk={a.risk} /> : "—"}</TableCell>
                <TableCell className="font-medium">{a.personaName}</TableCell>
                <TableCell>
                  {a.spaceName} · {a.appName}
                </TableCell>
                <TableCell>
                  <EnvironmentChip environment={a.environment} />
                </TableCell>
                <TableCell className="tabular-nums">{a.requiredApprovals}</TableCell>
                <TableCell>
                  <RelativeTime date={a.createdAt} />
                </TableCell>
                <TableCell>{a.expiresAt ? <RelativeTime date={a.expiresAt} /> : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
