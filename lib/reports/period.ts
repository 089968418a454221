/** The pilot report's period selector: the last 7/30/90 days, or since the pilot started. */
export const PILOT_REPORT_PERIODS = {
  "7d": { label: "Last 7 days", days: 7 },
  "30d": { label: "Last 30 days", days: 30 },
  "90d": { label: "Last 90 days", days: 90 },
  all: { label: "Since pilot start", days: null },
} as const satisfies Record<string, { label: string; days: number | null }>;

export type PilotReportPeriod = keyof typeof PILOT_REPORT_PERIODS;
export const PILOT_REPORT_PERIOD_KEYS = Object.keys(PILOT_REPORT_PERIODS) as PilotReportPeriod[];
export const DEFAULT_PILOT_REPORT_PERIOD: PilotReportPeriod = "all";

/** The period named in a URL (`?period=30d`); anything else is the default. */
export function parsePilotReportPeriod(value: unknown): PilotReportPeriod {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && Object.hasOwn(PILOT_REPORT_PERIODS, v) ? (v as PilotReportPeriod) : DEFAULT_PILOT_REPORT_PERIOD;
}
