import "server-only";
import { getDb } from "@/db";
import { getPilotReport, type PilotReportTarget } from "@/db/queries/pilot-report";
import { evidenceCsv, evidenceFilename } from "@/lib/reports/pilot-evidence";
import { parsePilotReportPeriod } from "@/lib/reports/period";
import { getCurrentActor } from "@/lib/server/session";

/** 401 without a session, 404 for anything the actor cannot read (other tenants included). */
export async function pilotReportCsvResponse(req: Request, target: PilotReportTarget): Promise<Response> {
  const actor = await getCurrentActor();
  if (!actor) return new Response("Sign in again.", { status: 401, headers: { "cache-control": "no-store" } });
  const period = parsePilotReportPeriod(new URL(req.url).searchParams.get("period"));
  const report = await getPilotReport(await getDb(), actor, target, period);
  if (!report) return new Response("Not found.", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(evidenceCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${evidenceFilename(report)}"`,
      "cache-control": "no-store",
    },
  });
}
