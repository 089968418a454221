import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Check, X } from "lucide-react";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { planSnapshotRestore, type RestoreChange } from "@/db/mutations/stage-restore";
import { computeGate, previewRollback } from "@/db/mutations/stages";
import { getGateEvidenceSeries, type GateEvidencePoint } from "@/db/queries/gate-evidence-series";
import { getRolloutView } from "@/db/queries/rollout";
import type { GateCriterion } from "@/lib/domain/gate";
import { EFFECTS, RISKS, STAGES } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { nextStage, previousStage, resolveStageBounds, stageLabel, type SpaceBoundsOverride } from "@/lib/domain/stages";
import { requireActor } from "@/lib/server/session";
import { GateEvidenceChart } from "../_components/gate-evidence-chart";
import { GateThresholdsSection } from "../gate-thresholds-section";
import { RequestAdvanceForm, RollbackDialog, SignOffForm } from "../_components/rollout-controls";
import { rejectAdvanceAction, requestAdvanceAction, rollbackAction, signOffAdvanceAction } from "../actions";

export const metadata: Metadata = { title: "Rollout" };

const DAY = 86_400_000;
const EVIDENCE_DAYS = 30;

const dayLabel = (iso: string) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** The series value each criterion is judged on, per day. */
function criterionSeries(c: GateCriterion, p: GateEvidencePoint): number | null {
  switch (c.key) {
    case "reviewed_actions":
      return p.reviewed;
    case "approval_rate":
      return p.approvalRate;
    case "no_high_risk_rejection":
      return p.highRiskRejectionDaysAgo;
    case "no_incident":
      return p.pauseDaysAgo;
    case "days_at_stage":
      return p.daysAtStage;
  }
}

const CHART_TEXT: Record<GateCriterion["key"], { title: string; unit: string; empty: string }> = {
  reviewed_actions: { title: "Reviewed actions at this stage", unit: "actions", empty: "Not at this stage in the last 30 days" },
  approval_rate: { title: "Approval rate", unit: "%", empty: "Nothing reviewed at this stage in the last 30 days" },
  no_high_risk_rejection: { title: "Days since a rejected high-risk action", unit: "days", empty: "None in the last 30 days" },
  no_incident: { title: "Days since a pause", unit: "days", empty: "No pause in the last 30 days" },
  days_at_stage: { title: "Days at this stage", unit: "days", empty: "Not at this stage in the last 30 days" },
};

/** The gate stored with a stage change (advances keep the GateResult; rollbacks keep their rewrites). */
function gateAtTheTime(evidence: unknown): { passed: boolean; criteria: { key: string; passed: boolean; detail: string }[] } | null {
  if (!evidence || typeof evidence !== "object" || !("criteria" in evidence)) return null;
  const g = evidence as { passed?: unknown; criteria?: unknown };
  if (!Array.isArray(g.criteria) || g.criteria.length === 0) return null;
  return { passed: g.passed === true, criteria: g.criteria as { key: string; passed: boolean; detail: string }[] };
}

function describeRestore(c: RestoreChange): string {
  const parts: string[] = [];
  if ((c.before?.enabled ?? false) !== c.after.enabled) parts.push(c.after.enabled ? "enabled again" : "disabled");
  for (const [key, policy] of Object.entries(c.after.policies)) {
    const was = c.before?.policies[key];
    if (was !== policy) parts.push(`${key} ${was ?? "unset"} → ${policy}`);
  }
  return `${c.capabilityName} in ${c.environment}: ${parts.join(", ") || "restored"}${c.clipped ? ` (within the bounds: ${c.clipped})` : ""}`;
}

export default async function PersonaRolloutPage({ params }: { params: Promise<{ personaId: string }> }) {
  const { personaId } = await params;
  const actor = await requireActor();
  const db = await getDb();
  const view = await getRolloutView(db, actor, personaId);
  if (!view) notFound();
  const { persona, space, role } = view;
  const override = space.boundsOverride as SpaceBoundsOverride | null;
  const now = new Date();
  const gate = await computeGate(db, actor, space.id, persona.id, now);
  const to = nextStage(persona.stage);
  const back = previousStage(persona.stage);
  const pendingRequest = view.timeline.find((t) => t.status === "requested");
  const canRequest = can(role, "stages:request");
  const canSignOff = can(role, "stages:signoff");
  const preview = back && canRequest ? await previewRollback(db, actor, space.id, persona.id) : null;
  const series = gate.applicable ? await getGateEvidenceSeries(db, actor.tenantId, persona.id, { days: EVIDENCE_DAYS, now }) : null;
  const restorePlan = pendingRequest && canSignOff ? await planSnapshotRestore(db, actor.tenantId, persona.id, pendingRequest.to) : null;
  const bounds = STAGES.map((st) => resolveStageBounds(st, override));
  const daysAtStage = Math.floor((now.getTime() - persona.stageEnteredAt.getTime()) / DAY);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs items={[{ label: actor.tenantName, href: "/spaces" }, { label: space.name, href: `/spaces/${space.id}` }, { label: "Rollouts", href: "/rollouts" }, { label: persona.name }]} />
        }
        title={`${persona.name} · rollout`}
        description={`At ${stageLabel(persona.stage)} for ${daysAtStage} day${daysAtStage === 1 ? "" : "s"}. Advancing needs the gate and an owner's sign-off; rolling back is always allowed and immediate.`}
        meta={
          <div className="flex items-center gap-2">
            <StageBadge stage={persona.stage} />
            {persona.status === "paused" ? <PersonaStatusBadge status="paused" /> : null}
          </div>
        }
        actions={
          preview && back ? (
            <RollbackDialog
              spaceId={space.id}
              personaId={persona.id}
              fromLabel={stageLabel(persona.stage)}
              toLabel={stageLabel(back)}
              maxApps={preview.maxApps}
              apps={preview.apps}
              changes={preview.rewrites.flatMap((r) => [
                ...(r.disable ? [`${r.capabilityKey} in ${r.environment}: disabled (${r.disableReason})`] : []),
                ...r.policyChanges.map((c) => `${c.actionKey} in ${r.environment}: ${c.from} → ${c.to}`),
              ])}
              action={rollbackAction}
            />
          ) : null
        }
      />

      <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <CardTitle as="h2">{to ? `Gate to ${stageLabel(to)}` : "Final stage"}</CardTitle>
            <CardDescription>{to ? (gate.passed ? "Every criterion passes: ready to advance." : "Computed live from this persona's record.") : "Deep embedding has no next stage."}</CardDescription>
          </CardHeader>
          <CardContent>
            {gate.applicable ? (
              <ul className="flex flex-col gap-3 text-sm" aria-label="Gate criteria">
                {gate.criteria.map((c) => (
                  <li key={c.key} className="flex flex-wrap items-start gap-x-4 gap-y-1 border-b border-border pb-3 last:border-b-0 last:pb-0">
                    <div className="flex min-w-0 flex-1 basis-56 items-start gap-2">
                      {c.passed ? <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-600" /> : <X aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive-text" />}
                      <div className="min-w-0">
                        <div className="font-medium">
                          {c.label} <span className="sr-only">{c.passed ? "passes" : "fails"}</span>
                        </div>
                        <div className="text-muted-foreground">{c.detail}</div>
                      </div>
                    </div>
                    {series ? (
                      <GateEvidenceChart
                        title={CHART_TEXT[c.key].title}
                        unit={CHART_TEXT[c.key].unit}
                        threshold={c.threshold}
                        thresholdKind={c.key === "no_high_risk_rejection" || c.key === "no_incident" ? "days-since" : "min"}
                        emptyText={CHART_TEXT[c.key].empty}
                        points={series.points.map((p) => ({ day: dayLabel(p.at), value: criterionSeries(c, p) }))}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">{pendingRequest ? `Advance to ${stageLabel(pendingRequest.to)} waits for sign-off` : "Advance"}</CardTitle>
            {pendingRequest ? (
              <CardDescription>
                Requested by {pendingRequest.requestedBy ?? "someone"} <RelativeTime date={pendingRequest.requestedAt} />: “{pendingRequest.reason}”
                {pendingRequest.override ? ` · override: ${pendingRequest.overrideJustification}` : ""}
              </CardDescription>
            ) : null}
          </CardHeader>
          <CardContent>
            {!to ? (
              <p className="text-sm text-muted-foreground">Nothing to advance to.</p>
            ) : pendingRequest ? (
              canSignOff ? (
                <SignOffForm
                  spaceId={space.id}
                  stageChangeId={pendingRequest.id}
                  toLabel={stageLabel(pendingRequest.to)}
                  needsJustification={
                    pendingRequest.requestedByMembershipId === actor.membershipId
                      ? "You requested it yourself: as the only owner you may sign off with a written justification (an override)."
                      : !gate.passed && !pendingRequest.override
                        ? "The gate fails now: signing off overrides it."
                        : null
                  }
                  restore={
                    restorePlan && restorePlan.changes.length + restorePlan.apps.length > 0
                      ? {
                          dateLabel: restorePlan.rolledBackAt.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }),
                          items: [
                            ...restorePlan.changes.map(describeRestore),
                            ...restorePlan.apps.map((a) => `Exposed through ${a.name} again`),
                            ...restorePlan.appsLeftOut.map((a) => `${a.name} stays off: ${a.why}`),
                          ],
                        }
                      : null
                  }
                  signOff={signOffAdvanceAction}
                  reject={rejectAdvanceAction}
                />
              ) : (
                <p className="text-sm text-muted-foreground">An owner other than the requester signs it off.</p>
              )
            ) : canRequest ? (
              <RequestAdvanceForm spaceId={space.id} personaId={persona.id} toLabel={stageLabel(to)} gatePassed={gate.passed} canOverride={role === "owner"} action={requestAdvanceAction} />
            ) : (
              <p className="text-sm text-muted-foreground">Operators and owners request advances.</p>
            )}
          </CardContent>
        </Card>
      </div>

      <section aria-labelledby="bounds-heading" className="flex min-w-0 flex-col gap-3">
        <h2 id="bounds-heading" className="text-base font-semibold">
          What each stage allows
        </h2>
        <Table label="Stage bounds">
          <TableHeader>
            <TableRow>
              <TableHead>Bound</TableHead>
              {STAGES.map((st) => (
                <TableHead key={st} aria-current={st === persona.stage ? "true" : undefined} className={st === persona.stage ? "bg-accent-subtle" : undefined}>
                  {stageLabel(st)} {st === persona.stage ? <Badge variant="accent">current</Badge> : null}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            <TableRow>
              <TableCell className="font-medium">Environments</TableCell>
              {bounds.map((b) => (
                <TableCell key={b.stage}>{b.environments.join(", ")}</TableCell>
              ))}
            </TableRow>
            <TableRow>
              <TableCell className="font-medium">Connected capabilities</TableCell>
              {bounds.map((b) => (
                <TableCell key={b.stage}>{b.connectedEnvironments.length === b.environments.length ? "yes" : b.connectedEnvironments.length ? `only in ${b.connectedEnvironments.join(", ")}` : "no"}</TableCell>
              ))}
            </TableRow>
            {RISKS.map((risk) =>
              EFFECTS.map((effect) => (
                <TableRow key={`${risk}-${effect}`}>
                  <TableCell className="font-medium">
                    Ceiling: {risk} {effect}
                  </TableCell>
                  {bounds.map((b) => (
                    <TableCell key={b.stage}>{b.ceilings[risk][effect]}{risk === "high" && effect === "write" ? " (review in production)" : ""}</TableCell>
                  ))}
                </TableRow>
              )),
            )}
            <TableRow>
              <TableCell className="font-medium">Apps exposing the persona</TableCell>
              {bounds.map((b) => (
                <TableCell key={b.stage}>{b.maxApps ?? "any"}</TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </section>

      {role === "owner" && gate.applicable ? <GateThresholdsSection spaceId={space.id} spaceName={space.name} only={persona.stage} /> : null}

      <section aria-labelledby="timeline-heading" className="flex flex-col gap-3">
        <h2 id="timeline-heading" className="text-base font-semibold">
          Timeline
        </h2>
        {view.timeline.length === 0 ? (
          <p className="text-sm text-muted-foreground">No stage change yet: {persona.name} started at {stageLabel(persona.stage)}.</p>
        ) : (
          <ol className="flex flex-col gap-3 border-l border-border pl-4">
            {view.timeline.map((t) => (
              <li key={t.id} className="text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">
                    {t.kind === "advance" ? "Advance" : "Rollback"}: {stageLabel(t.from)} → {stageLabel(t.to)}
                  </span>
                  <Badge variant={t.status === "applied" ? "green" : t.status === "requested" ? "blue" : "grey"}>{t.status}</Badge>
                  {t.override ? <Badge variant="amber">override</Badge> : null}
                  <RelativeTime date={t.requestedAt} />
                </div>
                <p className="text-muted-foreground">
                  {t.requestedBy ?? "Someone"}: “{t.reason}”
                  {t.signedOffBy ? ` · signed off by ${t.signedOffBy}${t.signOffNote ? `: “${t.signOffNote}”` : ""}` : ""}
                  {t.overrideJustification ? ` · justification: “${t.overrideJustification}”` : ""}
                </p>
                {gateAtTheTime(t.gateEvidence) ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-muted-foreground hover:text-foreground">
                      Gate at the time: {gateAtTheTime(t.gateEvidence)!.passed ? "passed" : "failed"}
                    </summary>
                    <ul className="mt-1 flex flex-col gap-0.5 pl-4 text-xs text-muted-foreground" aria-label="Gate values at the time">
                      {gateAtTheTime(t.gateEvidence)!.criteria.map((c) => (
                        <li key={c.key}>
                          {c.passed ? "✓" : "✗"} {c.detail}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
