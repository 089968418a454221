/**
 * The pilot report's words and figures: a verdict per buying question and the evidence rows
 * behind it. The page and the CSV export both render these rows, so they show the same figures.
 */
import type { PilotReport } from "../../db/queries/pilot-report";
import { getCapability } from "../domain/catalog";
import type { ReasonCode, Stage } from "../domain/constants";
import { stageLabel } from "../domain/stages";
import { PILOT_REPORT_PERIODS } from "./period";

export const QUESTIONS = [
  { key: "built_in", title: "Does the Persona have the right built-in surfaces?" },
  { key: "connected", title: "Can it connect to the systems that matter?" },
  { key: "rollout", title: "Can we keep the rollout bounded?" },
  { key: "control", title: "Can operators stay in control?" },
  { key: "continuity", title: "Does the runtime preserve continuity?" },
] as const;
export type QuestionKey = (typeof QUESTIONS)[number]["key"];

export type Verdict = { tone: "yes" | "partly" | "no"; text: string };

/** One figure: `kind: "figure"` rows are the headline evidence, `"detail"` rows the itemised one. */
export interface EvidenceRow {
  question: QuestionKey | "report";
  kind: "figure" | "detail";
  metric: string;
  /** What the figure is about (a persona, an environment, a week); "" when it is the whole report. */
  detail: string;
  value: string;
}

export const REASON_LABELS: Record<ReasonCode, string> = {
  policy_allow: "Allowed by policy",
  policy_review: "Policy requires review",
  stage_requires_review: "Stage requires review",
  persona_paused: "Persona paused",
  environment_not_allowed: "Environment not allowed",
  unknown_action: "Unknown action",
  capability_disabled: "Capability not enabled",
  stage_bound: "Outside the stage's bounds",
  action_denied: "Action denied by policy",
};

const DAY = 86_400_000;

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "—";
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export function periodLabel(r: PilotReport): string {
  return `${PILOT_REPORT_PERIODS[r.period.key].label} (${isoDate(r.period.from)} to ${isoDate(r.period.to)})`;
}

const capName = (key: string) => getCapability(key)?.name ?? key;
const list = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "none");

/** For a space report, rows name their persona; a persona report does not repeat its name. */
function personaLabel(r: PilotReport, personaId: string): string {
  if (r.kind === "persona") return "";
  return r.personas.find((p) => p.id === personaId)?.name ?? "";
}
const join = (...parts: string[]) => parts.filter(Boolean).join(" · ");

function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Connected grants that have a connection of their type in their environment. */
export function connectionFor(r: PilotReport, capabilityKey: string, environment: string) {
  return r.connected.connections.find((c) => c.type === capabilityKey && c.environment === environment) ?? null;
}

export function verdicts(r: PilotReport): Record<QuestionKey, Verdict> {
  const b = r.builtIn.grants;
  const bCaps = distinct(b.map((g) => g.capabilityKey));
  const bEnvs = distinct(b.map((g) => g.environment));
  const c = r.connected.grants;
  const cCaps = distinct(c.map((g) => g.capabilityKey));
  const cEnvs = distinct(c.map((g) => g.environment));
  const missing = c.filter((g) => !connectionFor(r, g.capabilityKey, g.environment));
  const usedConnections = distinct(c.flatMap((g) => connectionFor(r, g.capabilityKey, g.environment) ?? []));
  const ctl = r.control;
  const rollbacks = r.rollout.personas.reduce((n, p) => n + p.rollbacks.length, 0);
  const leaks = ctl.pauses.reduce((n, p) => n + p.letThrough, 0);
  const one = r.rollout.personas.length === 1 ? r.rollout.personas[0] : null;
  const days = r.continuity.oldestItemAt ? Math.floor((r.period.to.getTime() - r.continuity.oldestItemAt.getTime()) / DAY) : 0;
  return {
    built_in: bCaps.length
      ? { tone: "yes", text: `Yes — ${plural(bCaps.length, "built-in capability", "built-in capabilities")} (${bCaps.map(capName).join(", ")}) enabled across ${plural(bEnvs.length, "environment")}.` }
      : { tone: "no", text: "Not yet — no built-in capability is enabled." },
    connected: cCaps.length
      ? missing.length
        ? { tone: "partly", text: `Partly — ${plural(cCaps.length, "connected system")} enabled, but ${plural(missing.length, "grant")} has no connection in its environment.` }
        : { tone: "yes", text: `Yes — ${plural(cCaps.length, "connected system")} (${cCaps.map(capName).join(", ")}) through ${plural(usedConnections.length, "connection")} in ${plural(cEnvs.length, "environment")}.` }
      : { tone: "no", text: "Not yet — no connected system is enabled." },
    rollout: one
      ? {
          tone: "yes",
          text: `Yes — at ${stageLabel(one.stage)} for ${plural(one.segments.at(-1)!.days, "day")}, inside its bounds (${list(one.bounds.environments)}; ${one.bounds.maxApps === null ? "any number of apps" : `at most ${plural(one.bounds.maxApps, "app")}`}); ${plural(rollbacks, "rollback")}.`,
        }
      : r.rollout.personas.length
        ? { tone: "yes", text: `Yes — ${plural(r.rollout.personas.length, "persona")}, each held to its stage's bounds; ${plural(rollbacks, "rollback")}.` }
        : { tone: "no", text: "Not yet — no persona in this space." },
    control:
      ctl.proposed === 0
        ? { tone: "no", text: "No evidence yet — no action was proposed in this period." }
        : leaks > 0
          ? { tone: "partly", text: `Partly — ${plural(leaks, "action")} went through during a pause.` }
          : {
              tone: "yes",
              text: `Yes — ${formatPercent(ctl.routedToReview, ctl.proposed)} of ${plural(ctl.proposed, "action")} went to a reviewer, who approved ${formatPercent(ctl.approvedByReviewers, ctl.decidedByReviewers)} (median ${formatDuration(ctl.medianSecondsToDecision)} to decide); ${plural(ctl.denied, "request")} denied; ${plural(ctl.pauses.length, "pause")}, none let an action through.`,
            },
    continuity: r.continuity.itemsKept
      ? { tone: "yes", text: `Yes — ${plural(r.continuity.itemsKept, "memory item")} kept; remembering for ${plural(days, "day")}.` }
      : { tone: "no", text: "Not yet — no memory is kept." },
  };
}

/** Every figure of the report, in page order. */
export function evidenceRows(r: PilotReport): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  const add = (question: EvidenceRow["question"], kind: EvidenceRow["kind"], metric: string, detail: string, value: string | number) =>
    rows.push({ question, kind, metric, detail, value: String(value) });
  add("report", "figure", r.kind === "persona" ? "Persona" : "Space", "", r.subject.name);
  add("report", "figure", "Space", "", r.space.name);
  add("report", "figure", "Period", "", periodLabel(r));

  // 1. built-in surfaces
  const b = r.builtIn.grants;
  const policies = (gs: typeof b) => gs.flatMap((g) => g.policies);
  add("built_in", "figure", "Built-in capabilities enabled", "", distinct(b.map((g) => g.capabilityKey)).length);
  add("built_in", "figure", "Environments", "", list(distinct(b.map((g) => g.environment))));
  add("built_in", "figure", "Capability grants enabled", "", b.length);
  add("built_in", "figure", "Actions allowed without review", "", policies(b).filter((p) => p.policy === "allow").length);
  add("built_in", "figure", "Actions that need a reviewer", "", policies(b).filter((p) => p.policy === "review").length);
  add("built_in", "figure", "Actions denied by policy", "", policies(b).filter((p) => p.policy === "deny").length);
  add("built_in", "figure", "Built-in actions proposed in the period", "", r.builtIn.usage.reduce((n, u) => n + u.proposed, 0));
  for (const g of b) {
    for (const p of g.policies) add("built_in", "detail", "Effective policy", join(personaLabel(r, g.personaId), g.capabilityName, g.environment, p.actionKey), p.policy);
  }
  for (const u of r.builtIn.usage) add("built_in", "detail", "Actions proposed / carried out", capName(u.capabilityKey), `${u.proposed} / ${u.carriedOut}`);

  // 2. connected systems
  const c = r.connected.grants;
  const conns = distinct(c.flatMap((g) => connectionFor(r, g.capabilityKey, g.environment) ?? []));
  add("connected", "figure", "Connected systems enabled", "", distinct(c.map((g) => g.capabilityKey)).length);
  add("connected", "figure", "Environments", "", list(distinct(c.map((g) => g.environment))));
  add("connected", "figure", "Connections in use", "", conns.length);
  add("connected", "figure", "Grants without a connection", "", c.filter((g) => !connectionFor(r, g.capabilityKey, g.environment)).length);
  add("connected", "figure", "Connections in the space", "", r.connected.connections.length);
  add("connected", "figure", "Connected actions proposed in the period", "", r.connected.usage.reduce((n, u) => n + u.proposed, 0));
  add("connected", "figure", "Connected actions carried out in the period", "", r.connected.usage.reduce((n, u) => n + u.carriedOut, 0));
  for (const g of c) {
    add("connected", "detail", "Connection", join(personaLabel(r, g.personaId), g.capabilityName, g.environment), connectionFor(r, g.capabilityKey, g.environment)?.name ?? "missing");
    for (const p of g.policies) add("connected", "detail", "Effective policy", join(personaLabel(r, g.personaId), g.capabilityName, g.environment, p.actionKey), p.policy);
  }
  for (const x of r.connected.connections) {
    add("connected", "detail", "Credentials on file", join(x.name, capName(x.type), x.environment), x.credentialsSet ? "yes" : "no");
  }
  for (const u of r.connected.usage) add("connected", "detail", "Actions proposed / carried out", capName(u.capabilityKey), `${u.proposed} / ${u.carriedOut}`);

  // 3. bounded rollout
  for (const p of r.rollout.personas) {
    const who = personaLabel(r, p.personaId);
    add("rollout", "figure", "Current stage", who, stageLabel(p.stage));
    add("rollout", "figure", "Days at current stage", who, p.segments.at(-1)!.days);
    const byStage = new Map<Stage, number>();
    for (const s of p.segments) byStage.set(s.stage, (byStage.get(s.stage) ?? 0) + s.days);
    for (const [stage, days] of byStage) add("rollout", "figure", `Days at ${stageLabel(stage)}`, who, days);
    add("rollout", "figure", "Advances", who, p.advances);
    add("rollout", "figure", "Rollbacks", who, p.rollbacks.length);
    add("rollout", "figure", "Environments allowed", who, list(p.bounds.environments));
    add("rollout", "figure", "Connected systems allowed in", who, list(p.bounds.connectedEnvironments));
    add("rollout", "figure", "Apps that may expose it", who, p.bounds.maxApps === null ? "any" : p.bounds.maxApps);
    for (const risk of ["low", "medium", "high"] as const) {
      for (const effect of ["read", "write"] as const) {
        add("rollout", "detail", `Ceiling: ${risk}-risk ${effect}`, who, p.bounds.ceilings[risk][effect]);
      }
    }
    for (const s of p.segments) add("rollout", "detail", "Stage period", join(who, stageLabel(s.stage), `${isoDate(s.from)} to ${s.to ? isoDate(s.to) : "now"}`), `${s.days} days`);
    for (const rb of p.rollbacks) add("rollout", "detail", "Rollback", join(who, isoDate(rb.at)), `${stageLabel(rb.from)} → ${stageLabel(rb.to)}`);
  }

  // 4. operator control
  const ctl = r.control;
  add("control", "figure", "Actions proposed", "", ctl.proposed);
  add("control", "figure", "Sent to a reviewer", "", ctl.routedToReview);
  add("control", "figure", "Review rate", "", formatPercent(ctl.routedToReview, ctl.proposed));
  add("control", "figure", "Decided by reviewers", "", ctl.decidedByReviewers);
  add("control", "figure", "Approved by reviewers", "", ctl.approvedByReviewers);
  add("control", "figure", "Rejected by reviewers", "", ctl.rejected);
  add("control", "figure", "Approval rate", "", formatPercent(ctl.approvedByReviewers, ctl.decidedByReviewers));
  add("control", "figure", "Median time to a reviewer's decision", "", formatDuration(ctl.medianSecondsToDecision));
  add("control", "figure", "90th percentile time to a reviewer's decision", "", formatDuration(ctl.p90SecondsToDecision));
  add("control", "figure", "Allowed by policy", "", ctl.approvedByPolicy);
  add("control", "figure", "Denied by the gateway", "", ctl.denied);
  add("control", "figure", "Expired without a review", "", ctl.expired);
  add("control", "figure", "Cancelled", "", ctl.cancelled);
  add("control", "figure", "Waiting for review now", "", ctl.pending);
  add("control", "figure", "Pauses", "", ctl.pauses.length);
  add("control", "figure", "Actions cancelled by pauses", "", ctl.pauses.reduce((n, p) => n + p.cancelledActions, 0));
  add("control", "figure", "Requests refused while paused", "", ctl.pauses.reduce((n, p) => n + p.deniedWhilePaused, 0));
  add("control", "figure", "Actions let through while paused", "", ctl.pauses.reduce((n, p) => n + p.letThrough, 0));
  for (const d of ctl.deniedByReason) add("control", "detail", "Denied", REASON_LABELS[d.reasonCode], d.count);
  for (const p of ctl.pauses) {
    const what = join(personaLabel(r, p.personaId), `paused ${isoDate(p.openedAt)}`);
    add("control", "detail", "Pause lasted", what, p.resolvedAt ? formatDuration((p.resolvedAt.getTime() - p.openedAt.getTime()) / 1000) : "still paused");
    add("control", "detail", "Actions cancelled", what, p.cancelledActions);
    add("control", "detail", "Time to cancel waiting actions", what, p.cancelledActions ? formatDuration(p.secondsToCancellation) : "nothing was waiting");
    add("control", "detail", "Requests refused", what, p.deniedWhilePaused);
    add("control", "detail", "Time to first refused request", what, p.deniedWhilePaused ? formatDuration(p.secondsToFirstDenial) : "no request came");
    add("control", "detail", "Actions let through", what, p.letThrough);
  }

  // 5. continuity
  const m = r.continuity;
  add("continuity", "figure", "Memory items kept", "", m.itemsKept);
  for (const e of m.byEnvironment) add("continuity", "figure", "Memory items kept", e.environment, e.items);
  add("continuity", "figure", "Remembering since", "", m.oldestItemAt ? isoDate(m.oldestItemAt) : "—");
  add("continuity", "figure", "Days remembering", "", m.oldestItemAt ? Math.floor((r.period.to.getTime() - m.oldestItemAt.getTime()) / DAY) : 0);
  add("continuity", "figure", "New items kept (first written in the period)", "", m.weekly.reduce((n, w) => n + w.newItemsKept, 0));
  add("continuity", "figure", "Memory writes recorded in the period", "", m.weekly.reduce((n, w) => n + w.writes, 0));
  add("continuity", "figure", "Memory deletes recorded in the period", "", m.weekly.reduce((n, w) => n + w.deletes, 0));
  for (const w of m.weekly) {
    add("continuity", "detail", "Week", `week of ${isoDate(w.weekStart)}`, `${w.newItemsKept} new kept · ${w.writes} writes · ${w.deletes} deletes`);
  }
  return rows;
}

function csvCell(v: string): string {
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function evidenceCsv(r: PilotReport): string {
  const lines = [["question", "kind", "metric", "detail", "value"].join(",")];
  for (const row of evidenceRows(r)) lines.push([row.question, row.kind, row.metric, row.detail, row.value].map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

/** `pilot-report-ava-since-pilot-start-2026-12-04.csv` */
export function evidenceFilename(r: PilotReport): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "report";
  return `pilot-report-${slug(r.subject.name)}-${slug(PILOT_REPORT_PERIODS[r.period.key].label)}-${isoDate(r.period.to)}.csv`;
}
