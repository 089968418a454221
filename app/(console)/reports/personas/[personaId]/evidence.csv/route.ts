import { pilotReportCsvResponse } from "../../../_components/csv-response";

/** The persona's pilot report evidence as CSV: same figures and access checks as the page. */
export async function GET(req: Request, { params }: { params: Promise<{ personaId: string }> }) {
  const { personaId } = await params;
  return pilotReportCsvResponse(req, { kind: "persona", personaId });
}
