import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart3 } from "lucide-react";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TabNav } from "@/components/ui/tab-nav";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { ACTIVITY_PERIODS, getPersonaActivity, parsePeriod } from "@/db/queries/activity";
import { getPersonaDetail } from "@/db/queries/personas";
import type { ReasonCode } from "@/lib/domain/constants";
import { cn } from "@/lib/utils";
import { getCurrentActor, getSpaceAccessForRequest, requireSpace } from "@/lib/server/session";
import { DecisionsPerDayChart, TopActionsChart } from "../../_components/activity-charts";
import { OUTCOME_SERIES, formatDay } from "../../_components/activity-series";

type Props = { params: Promise<{ spaceId: string; personaId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { spaceId, personaId } = await params;
  const space = await getSpaceAccessForRequest(spaceId);
  const actor = await getCurrentActor();
  if (!space || !actor) return { title: "Persona not found" };
  const persona = await getPersonaDetail(await getDb(), actor, spaceId, personaId);
  return { title: persona ? `${persona.name} activity · ${space.spaceName}` : "Persona not found" };
}

const REASON_LABELS: Record<ReasonCode, string> = {
  policy_allow: "Allowed by policy",
  policy_review: "Needs review",
  stage_requires_review: "Stage requires review",
  persona_paused: "Persona paused",
  environment_not_allowed: "Environment not allowed at this stage",
  unknown_action: "Unknown action",
  capability_disabled: "Capability not enabled",
  stage_bound: "Outside the stage's bounds",
  action_denied: "Action denied by policy",
};

/** 45 s, 3 min, 1 h 20 min, 2 d 3 h. */
function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export default async function PersonaActivityPage({ params, searchParams }: Props) {
  const { spaceId, personaId } = await params;
  const days = parsePeriod((await searchParams).days);
  const { actor } = await requireSpace(spaceId);
  const db = await getDb();
  const persona = await getPersonaDetail(db, actor, spaceId, personaId);
  if (!persona) notFound();
  const a = await getPersonaActivity(db, actor, spaceId, personaId, days);
  if (!a) notFound();
  const base = `/spaces/${spaceId}/personas/${personaId}`;
  const t = a.totals;
  const periodLabel = `last ${days} days`;
  const stats = [
    { label: "Decisions", value: t.decisions.toLocaleString("en") },
    ...OUTCOME_SERIES.map((s) => ({ label: s.label, value: t[s.key].toLocaleString("en"), color: s.color })),
    { label: "Median time to a reviewer's decision", value: formatDuration(a.timeToDecision.medianMs) },
    { label: "90th percentile time to decision", value: formatDuration(a.timeToDecision.p90Ms) },
    { label: "Failed outcomes", value: t.failed.toLocaleString("en") },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        className="pb-0"
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: persona.spaceName, href: `/spaces/${spaceId}` },
              { label: persona.name, href: base },
              { label: "Activity" },
            ]}
          />
        }
        title={persona.name}
        meta={<PersonaStatusBadge status={persona.status} />}
        description="How this persona's proposed actions were decided, and how fast. Aggregates only: no action's input."
        actions={
          <nav aria-label="Period" className="inline-flex rounded-md border border-border bg-surface p-0.5 text-sm">
            {ACTIVITY_PERIODS.map((p) => (
              <Link
                key={p}
                href={`${base}/activity?days=${p}`}
                aria-current={p === days ? "page" : undefined}
                className={cn(
                  "rounded px-2.5 py-1 font-medium focus-visible:outline-2 focus-visible:outline-ring",
                  p === days ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:text-foreground",
                )}
              >
                {p} days
              </Link>
            ))}
          </nav>
        }
      />
      <TabNav
        label="Persona sections"
        items={[
          { href: base, label: "Overview", exact: true },
          { href: `${base}/capabilities`, label: "Capabilities" },
          { href: `${base}/activity`, label: "Activity" },
        ]}
      />

      <section aria-labelledby="totals-heading" className="flex flex-col gap-3">
        <h2 id="totals-heading" className="text-base font-semibold">
          Totals, {periodLabel}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
          {stats.map((s) => (
            <div key={s.label} className="rounded-lg border border-border bg-surface p-3 shadow-xs">
              <dt className="flex items-center gap-1.5 text-xs text-muted-foreground">
                {"color" in s ? <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: s.color }} /> : null}
                {s.label}
              </dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">{s.value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-muted-foreground">
          Times run from the proposal to the reviewers&apos; decision, over {a.timeToDecision.count.toLocaleString("en")} reviewed{" "}
          {a.timeToDecision.count === 1 ? "action" : "actions"}; policy decisions are immediate. Failed outcomes are those the runtime reported as failed
          ({t.succeeded.toLocaleString("en")} reported succeeded).
        </p>
      </section>

      {t.decisions === 0 ? (
        <EmptyState
          icon={BarChart3}
          title={`No decisions in the ${periodLabel}`}
          description={
            days < 90 ? (
              <>
                Nothing this persona proposed was decided in this period.{" "}
                <Link href={`${base}/activity?days=90`} className="text-accent-text hover:underline">
                  Look at the last 90 days
                </Link>
                .
              </>
            ) : (
              "Decisions appear here once the persona's runtime proposes actions through the gateway."
            )
          }
        />
      ) : (
        <>
          <section aria-labelledby="per-day-heading">
            <Card>
              <CardHeader>
                <CardTitle as="h2" id="per-day-heading">
                  Decisions per day
                </CardTitle>
                <p className="text-sm text-muted-foreground">Number of actions decided each day (UTC), by outcome; the dashed line counts failed outcomes.</p>
              </CardHeader>
              <CardContent className="flex flex-col gap-3">
                <DecisionsPerDayChart data={a.perDay} title={`Decisions per day by outcome, ${periodLabel}`} />
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium text-accent-text">Show as table</summary>
                  <div className="mt-3">
                    <Table label={`Decisions per day by outcome, ${periodLabel}`}>
                      <caption className="sr-only">Decisions per day by outcome, {periodLabel}</caption>
                      <TableHeader>
                        <TableRow>
                          <TableHead>Day</TableHead>
                          {OUTCOME_SERIES.map((s) => (
                            <TableHead key={s.key} className="text-right">
                              {s.label}
                            </TableHead>
                          ))}
                          <TableHead className="text-right">Failed outcomes</TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {a.perDay.map((d) => (
                          <TableRow key={d.day}>
                            <TableCell>
                              <time dateTime={d.day}>{formatDay(d.day)}</time>
                            </TableCell>
                            {OUTCOME_SERIES.map((s) => (
                              <TableCell key={s.key} className="text-right tabular-nums">
                                {d[s.key]}
                              </TableCell>
                            ))}
                            <TableCell className="text-right tabular-nums">{d.failed}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </div>
                </details>
              </CardContent>
            </Card>
          </section>

          <div className="grid gap-4 lg:grid-cols-3">
            <section aria-labelledby="top-actions-heading" className="min-w-0 lg:col-span-2">
              <Card className="h-full">
                <CardHeader>
                  <CardTitle as="h2" id="top-actions-heading">
                    Top actions
                  </CardTitle>
                  <p className="text-sm text-muted-foreground">The actions this persona proposed most, and how they were decided.</p>
                </CardHeader>
                <CardContent className="flex flex-col gap-3">
                  <TopActionsChart data={a.topActions} title={`Top actions by number of decisions, ${periodLabel}`} />
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium text-accent-text">Show as table</summary>
                    <div className="mt-3">
                      <Table label={`Top actions, ${periodLabel}`}>
                        <caption className="sr-only">Top actions, {periodLabel}</caption>
                        <TableHeader>
                          <TableRow>
                            <TableHead>Action</TableHead>
                            <TableHead className="text-right">Decisions</TableHead>
                            <TableHead className="text-right">Approved</TableHead>
                            <TableHead className="text-right">Rejected</TableHead>
                            <TableHead className="text-right">Denied</TableHead>
                          </TableRow>
                        </TableHeader>
                        <TableBody>
                          {a.topActions.map((r) => (
                            <TableRow key={r.actionKey}>
                              <TableCell className="font-mono text-xs">{r.actionKey}</TableCell>
                              <TableCell className="text-right tabular-nums">{r.total}</TableCell>
                              <TableCell className="text-right tabular-nums">{r.approved}</TableCell>
                              <TableCell className="text-right tabular-nums">{r.rejected}</TableCell>
                              <TableCell className="text-right tabular-nums">{r.denied}</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </div>
                  </details>
                </CardContent>
              </Card>
            </section>
            <section aria-labelledby="denied-heading" className="min-w-0">
              <Card className="h-full">
                <CardHeader>
                  <CardTitle as="h2" id="denied-heading">
                    Denied, by reason
                  </CardTitle>
                  <p className="text-sm text-muted-foreground">Why the gateway said no without asking anyone.</p>
                </CardHeader>
                <CardContent className="text-sm">
                  {a.deniedByReason.length === 0 ? (
                    <p className="text-muted-foreground">Nothing was denied in the {periodLabel}.</p>
                  ) : (
                    <ul aria-label="Denials by reason" className="flex flex-col gap-2">
                      {a.deniedByReason.map((r) => (
                        <li key={r.reasonCode} className="flex flex-col gap-1">
                          <div className="flex items-baseline justify-between gap-2">
                            <span>{REASON_LABELS[r.reasonCode] ?? r.reasonCode}</span>
                            <span className="font-semibold tabular-nums">{r.count}</span>
                          </div>
                          <div aria-hidden="true" className="h-1.5 rounded-full bg-muted">
                            <div className="h-1.5 rounded-full bg-orange-600" style={{ width: `${Math.max(4, (r.count / t.denied) * 100)}%` }} />
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                </CardContent>
              </Card>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
