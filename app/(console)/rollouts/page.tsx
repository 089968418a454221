import type { Metadata } from "next";
import Link from "next/link";
import { Rocket } from "lucide-react";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listPersonasWithStage } from "@/db/queries/console";
import { getGateEvidence } from "@/db/queries/gate-evidence";
import { evaluateGate } from "@/lib/domain/gate";
import { stageLabel } from "@/lib/domain/stages";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Rollouts" };

const DAY = 86_400_000;

export default async function RolloutsPage() {
  const actor = await requireActor();
  const db = await getDb();
  const now = new Date();
  const personas = await listPersonasWithStage(db, actor);
  const rows = await Promise.all(
    personas.map(async (p) => {
      const ev = await getGateEvidence(db, actor.tenantId, p.id, now);
      return { ...p, gate: ev ? evaluateGate(ev.stage, ev.evidence) : null };
    }),
  );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Rollouts"
        description="Every persona's stage, how long it has been there, and whether its gate to the next stage passes."
      />
      {rows.length === 0 ? (
        <EmptyState icon={Rocket} title="No personas yet" description="Personas appear here with their rollout stage once a space has one." />
      ) : (
        <Table label="Personas by stage">
          <TableHeader>
            <TableRow>
              <TableHead>Persona</TableHead>
              <TableHead>Space</TableHead>
              <TableHead>Stage</TableHead>
              <TableHead>Days at stage</TableHead>
              <TableHead>Gate to next stage</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((p) => {
              const failing = p.gate?.applicable ? p.gate.criteria.filter((c) => !c.passed) : [];
              return (
                <TableRow key={p.id}>
                  <TableCell>
                    <span className="flex items-center gap-2 font-medium">
                      <Link href={`/rollouts/${p.id}`} className="hover:underline">
                        {p.name}
                      </Link>
                      {p.status === "paused" ? <PersonaStatusBadge status="paused" /> : null}
                    </span>
                  </TableCell>
                  <TableCell>{p.spaceName}</TableCell>
                  <TableCell>
                    <StageBadge stage={p.stage} />
                  </TableCell>
                  <TableCell className="tabular-nums">{Math.floor((now.getTime() - p.stageEnteredAt.getTime()) / DAY)}</TableCell>
                  <TableCell>
                    {!p.gate || !p.gate.applicable ? (
                      <span className="text-muted-foreground">Final stage</span>
                    ) : p.gate.passed ? (
                      <Badge variant="green">Ready for {stageLabel(p.gate.to)}</Badge>
                    ) : (
                      <div className="flex flex-col gap-1">
                        <Badge variant="amber" className="self-start">
                          Not ready: {failing.length} of {p.gate.criteria.length} criteria fail
                        </Badge>
                        <ul className="text-xs text-muted-foreground">
                          {failing.map((c) => (
                            <li key={c.key}>{c.detail}</li>
                          ))}
                        </ul>
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
