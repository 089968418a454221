import Link from "next/link";
import { Download } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { GrantEvidence, PilotReport } from "@/db/queries/pilot-report";
import { stageLabel } from "@/lib/domain/stages";
import {
  QUESTIONS,
  connectionFor,
  evidenceRows,
  formatDuration,
  isoDate,
  periodLabel,
  verdicts,
  type EvidenceRow,
  type QuestionKey,
  type Verdict,
} from "@/lib/reports/pilot-evidence";
import { PILOT_REPORT_PERIODS, PILOT_REPORT_PERIOD_KEYS } from "@/lib/reports/period";
import { cn } from "@/lib/utils";
import { PrintButton } from "./print-button";

const TONE: Record<Verdict["tone"], { label: string; variant: "green" | "amber" | "neutral" }> = {
  yes: { label: "Yes", variant: "green" },
  partly: { label: "Partly", variant: "amber" },
  no: { label: "Not yet", variant: "neutral" },
};

/** The five buying questions for one persona or space, with their evidence (aggregates only). */
export function PilotReportView({ report, basePath }: { report: PilotReport; basePath: string }) {
  const rows = evidenceRows(report);
  const v = verdicts(report);
  const figures = (q: QuestionKey) => rows.filter((r) => r.question === q && r.kind === "figure");
  const showPersona = report.kind === "space";
  const personaName = (id: string) => report.personas.find((p) => p.id === id)?.name ?? "";

  return (
    <div className="flex flex-col gap-8 print:gap-0">
      <div data-print-hidden className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Report period">
          <ul className="flex flex-wrap gap-1 rounded-lg border border-border bg-muted/50 p-1">
            {PILOT_REPORT_PERIOD_KEYS.map((key) => {
              const current = key === report.period.key;
              return (
                <li key={key}>
                  <Link
                    href={`${basePath}?period=${key}`}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "inline-flex h-7 items-center rounded-md px-2.5 text-sm font-medium text-muted-foreground hover:text-foreground",
                      current && "bg-surface text-foreground shadow-xs",
                    )}
                  >
                    {PILOT_REPORT_PERIODS[key].label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="flex items-center gap-2">
          <PrintButton />
          <a
            href={`${basePath}/evidence.csv?period=${report.period.key}`}
            download
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            <Download aria-hidden="true" />
            Download evidence (CSV)
          </a>
        </div>
      </div>

      <p className="text-sm text-muted-foreground">
        <span className="font-medium text-foreground">Period:</span> <span data-testid="report-period">{periodLabel(report)}</span>. Figures are
        computed live from the record of {report.kind === "persona" ? "this persona" : `the ${report.personas.length} personas of this space`}; the report
        shows aggregates only — no action inputs, memory contents or personal data.
      </p>

      {report.kind === "space" ? (
        <Table label="Personas in this report">
          <TableHeader>
            <TableRow>
              <TableHead>Persona</TableHead>
              <TableHead>Stage</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Report</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.personas.map((p) => (
              <TableRow key={p.id}>
                <TableCell className="font-medium">{p.name}</TableCell>
                <TableCell>
                  <StageBadge stage={p.stage} />
                </TableCell>
                <TableCell>
                  <PersonaStatusBadge status={p.status} />
                </TableCell>
                <TableCell className="text-right">
                  <Link className="text-sm text-accent-text underline-offset-4 hover:underline" href={`/reports/personas/${p.id}?period=${report.period.key}`}>
                    {p.name}&apos;s pilot report
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}

      {QUESTIONS.map((q, i) => (
        <section
          key={q.key}
          aria-labelledby={`q-${q.key}`}
          data-question={q.key}
          className={cn("flex min-w-0 flex-col gap-4 border-t border-border pt-6", i > 0 && "print:break-before-page", "print:border-t-0 print:pt-0")}
        >
          <div className="flex flex-col gap-1.5">
            <h2 id={`q-${q.key}`} className="text-base font-semibold">
              {i + 1}. {q.title}
            </h2>
            <p className="flex items-start gap-2 text-sm" data-testid={`verdict-${q.key}`}>
              <Badge variant={TONE[v[q.key].tone].variant} className="mt-0.5 print:border-black print:bg-white print:text-black">
                {TONE[v[q.key].tone].label}
              </Badge>
              <span className="sr-only"> — </span>
              <span className="font-medium">{v[q.key].text.replace(/^(Yes|Partly|Not yet|No evidence yet) — /, "")}</span>
            </p>
          </div>
          <div className="flex min-w-0 flex-col gap-4 print:block print:[&>*]:mb-4">
            <div className="max-w-2xl print:max-w-none">
              <FiguresTable label={`Figures: ${q.title}`} rows={figures(q.key)} />
            </div>
            <div className="flex min-w-0 flex-col gap-4">
              {q.key === "built_in" ? <GrantsTable label="Built-in capabilities enabled" grants={report.builtIn.grants} showPersona={showPersona} personaName={personaName} /> : null}
              {q.key === "connected" ? (
                <>
                  <GrantsTable label="Connected capabilities enabled" grants={report.connected.grants} showPersona={showPersona} personaName={personaName} report={report} />
                  <Table label="Connections in this space">
                    <TableHeader>
                      <TableRow>
                        <TableHead>Connection</TableHead>
                        <TableHead>System</TableHead>
                        <TableHead>Environment</TableHead>
                        <TableHead>Credentials on file</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {report.connected.connections.length === 0 ? (
                        <EmptyRow cols={4} text="No connection in this space." />
                      ) : (
                        report.connected.connections.map((c) => (
                          <TableRow key={`${c.type}:${c.environment}`}>
                            <TableCell className="font-medium">{c.name}</TableCell>
                            <TableCell>{c.type}</TableCell>
                            <TableCell>
                              <EnvironmentChip environment={c.environment} />
                            </TableCell>
                            <TableCell>{c.credentialsSet ? "yes" : "no"}</TableCell>
                          </TableRow>
                        ))
                      )}
                    </TableBody>
                  </Table>
                </>
              ) : null}
              {q.key === "rollout"
                ? report.rollout.personas.map((p) => (
                    <Table key={p.personaId} label={`Stage history${showPersona ? ` of ${personaName(p.personaId)}` : ""}`}>
                      <TableHeader>
                        <TableRow>
                          <TableHead>{showPersona ? `${personaName(p.personaId)}: stage` : "Stage"}</TableHead>
                          <TableHead>From</TableHead>
                          <TableHead>To</TableHead>
                          <TableHead className="text-right">Days</TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {p.segments.map((s) => (
                          <TableRow key={s.from.toISOString()}>
                            <TableCell>{stageLabel(s.stage)}</TableCell>
                            <TableCell>{isoDate(s.from)}</TableCell>
                            <TableCell>{s.to ? isoDate(s.to) : "now"}</TableCell>
                            <TableCell className="text-right">{s.days}</TableCell>
                          </TableRow>
                        ))}
                        {p.rollbacks.map((rb) => (
                          <TableRow key={`rb-${rb.at.toISOString()}`}>
                            <TableCell colSpan={4} className="text-muted-foreground">
                              Rolled back {isoDate(rb.at)}: {stageLabel(rb.from)} → {stageLabel(rb.to)}
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  ))
                : null}
              {q.key === "rollout" && report.rollout.personas.length === 1 ? <CeilingsTable ceilings={report.rollout.personas[0]!.bounds.ceilings} stage={report.rollout.personas[0]!.stage} /> : null}
              {q.key === "control" ? (
                <>
                  <Table label="Denials by reason">
                    <TableHeader>
                      <TableRow>
                        <TableHead>Denied because</TableHead>
                        <TableHead className="text-right">Requests</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {report.control.deniedByReason.length === 0 ? (
                        <EmptyRow cols={2} text="No request was denied in this period." />
                      ) : (
                        rows
                          .filter((r) => r.question === "control" && r.metric === "Denied")
                          .map((r) => (
                            <TableRow key={r.detail}>
                              <TableCell>{r.detail}</TableCell>
                              <TableCell className="text-right">{r.value}</TableCell>
                            </TableRow>
                          ))
                      )}
                    </TableBody>
                  </Table>
                  <Table label="Pauses and how fast they took effect">
                    <TableHeader>
                      <TableRow>
                        {showPersona ? <TableHead>Persona</TableHead> : null}
                        <TableHead>Paused</TableHead>
                        <TableHead>Lasted</TableHead>
                        <TableHead className="text-right">Cancelled</TableHead>
                        <TableHead>Time to cancel</TableHead>
                        <TableHead className="text-right">Refused</TableHead>
                        <TableHead>First refusal</TableHead>
                        <TableHead className="text-right">Let through</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {report.control.pauses.length === 0 ? (
                        <EmptyRow cols={showPersona ? 8 : 7} text="No pause in this period." />
                      ) : (
                        report.control.pauses.map((p) => (
                          <TableRow key={`${p.personaId}:${p.openedAt.toISOString()}`}>
                            {showPersona ? <TableCell>{personaName(p.personaId)}</TableCell> : null}
                            <TableCell>{isoDate(p.openedAt)}</TableCell>
                            <TableCell>{p.resolvedAt ? formatDuration((p.resolvedAt.getTime() - p.openedAt.getTime()) / 1000) : "still paused"}</TableCell>
                            <TableCell className="text-right">{p.cancelledActions}</TableCell>
                            <TableCell>{p.cancelledActions ? formatDuration(p.secondsToCancellation) : "nothing waiting"}</TableCell>
                            <TableCell className="text-right">{p.deniedWhilePaused}</TableCell>
                            <TableCell>{p.deniedWhilePaused ? formatDuration(p.secondsToFirstDenial) : "no request came"}</TableCell>
                            <TableCell className="text-right">{p.letThrough}</TableCell>
                          </TableRow>
                        ))
                      )}
                    </TableBody>
                  </Table>
                </>
              ) : null}
              {q.key === "continuity" ? (
                <Table label="Memory changes per week">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Week of</TableHead>
                      <TableHead className="text-right">New items kept</TableHead>
                      <TableHead className="text-right">Writes</TableHead>
                      <TableHead className="text-right">Deletes</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {report.continuity.weekly.map((w) => (
                      <TableRow key={w.weekStart.toISOString()}>
                        <TableCell>{isoDate(w.weekStart)}</TableCell>
                        <TableCell className="text-right">{w.newItemsKept}</TableCell>
                        <TableCell className="text-right">{w.writes}</TableCell>
                        <TableCell className="text-right">{w.deletes}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : null}
            </div>
          </div>
        </section>
      ))}
      <p className="hidden text-xs print:mt-6 print:block">
        Persona Console pilot report · {report.subject.name} · generated {report.period.to.toISOString().slice(0, 16).replace("T", " ")} UTC
      </p>
    </div>
  );
}

function FiguresTable({ label, rows }: { label: string; rows: EvidenceRow[] }) {
  // "For" names a persona or an environment; a column of blanks says nothing.
  const withDetail = rows.some((r) => r.detail !== "");
  return (
    <Table label={label} containerClassName="print:overflow-visible">
      <TableHeader>
        <TableRow>
          <TableHead>Figure</TableHead>
          {withDetail ? <TableHead>For</TableHead> : null}
          <TableHead className="text-right">Value</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.metric}|${r.detail}`} data-figure>
            <TableCell className="whitespace-normal">{r.metric}</TableCell>
            {withDetail ? <TableCell className="text-muted-foreground">{r.detail}</TableCell> : null}
            <TableCell className="text-right font-medium whitespace-normal">{r.value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EmptyRow({ cols, text }: { cols: number; text: string }) {
  return (
    <TableRow>
      <TableCell colSpan={cols} className="text-muted-foreground">
        {text}
      </TableCell>
    </TableRow>
  );
}

function GrantsTable({
  label,
  grants,
  showPersona,
  personaName,
  report,
}: {
  label: string;
  grants: GrantEvidence[];
  showPersona: boolean;
  personaName: (id: string) => string;
  report?: PilotReport;
}) {
  const names = (g: GrantEvidence, policy: string) => g.policies.filter((p) => p.policy === policy).map((p) => p.actionKey.split(".")[1]).join(", ") || "—";
  return (
    <Table label={label} containerClassName="print:overflow-visible">
      <TableHeader>
        <TableRow>
          <TableHead>Capability</TableHead>
          {showPersona ? <TableHead>Persona</TableHead> : null}
          <TableHead>Environment</TableHead>
          {report ? <TableHead>Connection</TableHead> : null}
          <TableHead>Allowed</TableHead>
          <TableHead>Needs review</TableHead>
          <TableHead>Denied</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {grants.length === 0 ? (
          <EmptyRow cols={7} text="None enabled." />
        ) : (
          grants.map((g) => (
            <TableRow key={`${g.personaId}:${g.capabilityKey}:${g.environment}`}>
              <TableCell className="font-medium">{g.capabilityName}</TableCell>
              {showPersona ? <TableCell>{personaName(g.personaId)}</TableCell> : null}
              <TableCell>
                <EnvironmentChip environment={g.environment} />
              </TableCell>
              {report ? <TableCell>{connectionFor(report, g.capabilityKey, g.environment)?.name ?? <Badge variant="amber">missing</Badge>}</TableCell> : null}
              <TableCell className="whitespace-normal">{names(g, "allow")}</TableCell>
              <TableCell className="whitespace-normal">{names(g, "review")}</TableCell>
              <TableCell className="whitespace-normal">{names(g, "deny")}</TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}

function CeilingsTable({ ceilings, stage }: { ceilings: PilotReport["rollout"]["personas"][number]["bounds"]["ceilings"]; stage: PilotReport["rollout"]["personas"][number]["stage"] }) {
  return (
    <Table label={`Policy ceilings at ${stageLabel(stage)}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Risk</TableHead>
          <TableHead>Read</TableHead>
          <TableHead>Write</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {(["low", "medium", "high"] as const).map((risk) => (
          <TableRow key={risk}>
            <TableCell>{risk}</TableCell>
            <TableCell>{ceilings[risk].read}</TableCell>
            <TableCell>{ceilings[risk].write}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
