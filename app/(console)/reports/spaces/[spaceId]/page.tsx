import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getPilotReport } from "@/db/queries/pilot-report";
import { parsePilotReportPeriod } from "@/lib/reports/period";
import { requireActor } from "@/lib/server/session";
import { PilotReportView } from "../../_components/pilot-report-view";

export const metadata: Metadata = { title: "Pilot report" };

export default async function SpacePilotReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ spaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ spaceId }, sp] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const report = await getPilotReport(await getDb(), actor, { kind: "space", spaceId }, parsePilotReportPeriod(sp.period));
  if (!report) notFound();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <PageHeader
        breadcrumbs={
          <div data-print-hidden>
            <Breadcrumbs
              items={[
                { label: actor.tenantName, href: "/spaces" },
                { label: report.space.name, href: `/spaces/${report.space.id}` },
                { label: "Pilot report" },
              ]}
            />
          </div>
        }
        title={`${report.space.name} · pilot report`}
        description={`The five buying questions for every persona in ${report.space.name}, answered from the live record.`}
      />
      <PilotReportView report={report} basePath={`/reports/spaces/${report.space.id}`} />
    </div>
  );
}
