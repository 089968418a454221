import { pilotReportCsvResponse } from "../../../_components/csv-response";

/** The space's pilot report evidence as CSV: same figures and access checks as the page. */
export async function GET(req: Request, { params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  return pilotReportCsvResponse(req, { kind: "space", spaceId });
}
