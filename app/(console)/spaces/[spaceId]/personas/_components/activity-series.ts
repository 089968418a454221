import type { OutcomeKey } from "@/db/queries/activity";

/** Outcome series: label and colour (each also named in the legend and the table, never colour alone). */
export const OUTCOME_SERIES: { key: OutcomeKey; label: string; color: string }[] = [
  { key: "approvedByPolicy", label: "Approved by policy", color: "#16a34a" },
  { key: "approvedByReviewers", label: "Approved by reviewers", color: "#4f46e5" },
  { key: "rejected", label: "Rejected", color: "#dc2626" },
  { key: "denied", label: "Denied", color: "#ea580c" },
  { key: "expired", label: "Expired", color: "#a3a3a3" },
  { key: "cancelled", label: "Cancelled", color: "#525252" },
];

const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** "Jun 14" for "2026-06-14". */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}
