import type { Metadata } from "next";
import Link from "next/link";
import { FileText } from "lucide-react";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listPersonasWithStage } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Pilot reports" };

export default async function PilotReportsPage() {
  const actor = await requireActor();
  const personas = await listPersonasWithStage(await getDb(), actor);
  const spaces = [...new Map(personas.map((p) => [p.spaceId, p.spaceName])).entries()];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Pilot reports"
        description="For evaluators: does each persona have the right surfaces, reach the right systems, stay bounded, stay under operators' control and keep its memory — answered from the live record."
      />
      {spaces.length === 0 ? (
        <EmptyState icon={FileText} title="No personas yet" description="A pilot report appears here for every persona in the spaces you can see." />
      ) : (
        spaces.map(([spaceId, spaceName]) => (
          <section key={spaceId} aria-labelledby={`space-${spaceId}`} className="flex flex-col gap-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`space-${spaceId}`} className="text-base font-semibold">
                {spaceName}
              </h2>
              <Link href={`/reports/spaces/${spaceId}`} className="text-sm text-accent-text underline-offset-4 hover:underline">
                Pilot report for {spaceName}
              </Link>
            </div>
            <Table label={`Personas in ${spaceName}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Persona</TableHead>
                  <TableHead>Stage</TableHead>
                  <TableHead>Status</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {personas
                  .filter((p) => p.spaceId === spaceId)
                  .map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>
                        <Link href={`/reports/personas/${p.id}`} className="font-medium text-accent-text underline-offset-4 hover:underline">
                          {p.name}
                        </Link>
                      </TableCell>
                      <TableCell>
                        <StageBadge stage={p.stage} />
                      </TableCell>
                      <TableCell>
                        <PersonaStatusBadge status={p.status} />
                      </TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </section>
        ))
      )}
    </div>
  );
}
