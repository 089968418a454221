import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getPilotReport } from "@/db/queries/pilot-report";
import { parsePilotReportPeriod } from "@/lib/reports/period";
import { requireActor } from "@/lib/server/session";
import { PilotReportView } from "../../_components/pilot-report-view";

export const metadata: Metadata = { title: "Pilot report" };

export default async function PersonaPilotReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ personaId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ personaId }, sp] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const report = await getPilotReport(await getDb(), actor, { kind: "persona", personaId }, parsePilotReportPeriod(sp.period));
  if (!report) notFound();
  const persona = report.personas[0]!;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <PageHeader
        breadcrumbs={
          <div data-print-hidden>
            <Breadcrumbs
              items={[
                { label: actor.tenantName, href: "/spaces" },
                { label: report.space.name, href: `/spaces/${report.space.id}` },
                { label: "Pilot reports", href: "/reports" },
                { label: persona.name },
              ]}
            />
          </div>
        }
        title={`${persona.name} · pilot report`}
        description={`The five buying questions for ${persona.name} in ${report.space.name}, answered from the live record.`}
        meta={
          <div className="flex items-center gap-2">
            <StageBadge stage={persona.stage} />
            {persona.status === "paused" ? <PersonaStatusBadge status="paused" /> : null}
          </div>
        }
      />
      <PilotReportView report={report} basePath={`/reports/personas/${persona.id}`} />
    </div>
  );
}
