import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionStatusBadge } from "@/components/console/action-status-badge";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { RiskBadge } from "@/components/console/risk-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { JsonViewer } from "@/components/ui/json-viewer";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db";
import { getActionDetail } from "@/db/queries/reviews";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";
import { DecideButtons } from "../_components/decide-buttons";
import { decideActionAction } from "../actions";

export const metadata: Metadata = { title: "Action" };

export default async function ActionDetailPage({ params }: { params: Promise<{ actionId: string }> }) {
  const { actionId } = await params;
  const actor = await requireActor();
  const withInput = can(actor.tenantRole, "details:read");
  const a = await getActionDetail(await getDb(), actor, actionId, { withInput });
  if (!a) notFound();
  const canDecide = can(a.role, "actions:decide") && a.status === "pending";
  const approvals = a.reviews.filter((r) => r.decision === "approve").length;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: a.spaceName, href: `/spaces/${a.spaceId}` },
              { label: "Reviews", href: "/reviews" },
              { label: a.actionKey },
            ]}
          />
        }
        title={a.actionKey}
        description={a.reason ? `“${a.reason}”` : "The runtime gave no reason."}
        meta={
          <div className="flex flex-wrap items-center gap-2">
            <ActionStatusBadge status={a.status} />
            {a.risk ? <RiskBadge risk={a.risk} /> : null}
            <EnvironmentChip environment={a.environment} />
          </div>
        }
        actions={canDecide ? <DecideButtons spaceId={a.spaceId} actionId={a.id} action={decideActionAction} /> : null}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle as="h2">What the persona wants to do</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2">
              <dt className="text-muted-foreground">Persona</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{a.persona.name}</span>
                <StageBadge stage={a.persona.stage} />
                {a.persona.status === "paused" ? <PersonaStatusBadge status="paused" /> : null}
              </dd>
              <dt className="text-muted-foreground">App</dt>
              <dd>{a.appName}</dd>
              <dt className="text-muted-foreground">Capability · effect</dt>
              <dd>
                {a.capabilityKey ?? "not in the catalog"} · {a.effect ?? "—"}
              </dd>
              <dt className="text-muted-foreground">On behalf of</dt>
              <dd>{withInput ? (a.onBehalfOf ?? "—") : "Hidden for your role"}</dd>
              <dt className="text-muted-foreground">Proposed</dt>
              <dd>
                <RelativeTime date={a.createdAt} />
              </dd>
              <dt className="text-muted-foreground">{a.status === "pending" ? "Expires" : "Decided"}</dt>
              <dd>
                {a.status === "pending" ? (a.expiresAt ? <RelativeTime date={a.expiresAt} /> : "never") : a.decidedAt ? <RelativeTime date={a.decidedAt} /> : "—"}
                {a.decidedBy ? <span className="text-muted-foreground"> · by {a.decidedBy}</span> : null}
              </dd>
              <dt className="text-muted-foreground">Approvals</dt>
              <dd>
                {approvals} of {a.requiredApprovals || 1} needed{a.requiredApprovals > 1 ? " (high risk: two different people)" : ""}
              </dd>
              {a.outcome ? (
                <>
                  <dt className="text-muted-foreground">Outcome</dt>
                  <dd>
                    <ActionStatusBadge status={a.outcome.status as "succeeded" | "failed"} /> {a.outcome.error ? <span className="text-muted-foreground">{a.outcome.error}</span> : null}
                  </dd>
                </>
              ) : null}
            </dl>
            <div>
              <h3 className="mb-1 font-medium">Input</h3>
              {withInput ? <JsonViewer value={a.input} label="Action input" /> : <p className="text-muted-foreground">Viewers see aggregates only, never action inputs.</p>}
            </div>
            <div>
              <h3 className="mb-1 font-medium">Why it is {a.status === "pending" ? "waiting for review" : a.status}</h3>
              <JsonViewer value={a.decisionPath} expandDepth={1} label="Decision path" />
            </div>
          </CardContent>
        </Card>
        <div className="flex flex-col gap-4">
          <Card>
            <CardHeader>
              <CardTitle as="h2">Reviews</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              {a.reviews.length === 0 ? (
                <p className="text-muted-foreground">No reviewer has decided yet.</p>
              ) : (
                <ul className="flex flex-col gap-2">
                  {a.reviews.map((r, i) => (
                    <li key={i}>
                      <span className="font-medium">{r.reviewerName}</span> {r.decision === "approve" ? "approved" : "rejected"} <RelativeTime date={r.at} />
                      {r.comment ? <p className="text-muted-foreground">“{r.comment}”</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h2">Earlier {a.actionKey} by {a.persona.name}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              {a.earlier.length === 0 ? (
                <p className="text-muted-foreground">This is the first one.</p>
              ) : (
                <ul className="flex flex-col gap-1.5">
                  {a.earlier.map((e) => (
                    <li key={e.id} className="flex items-center gap-2">
                      <ActionStatusBadge status={e.status} />
                      <Link href={`/reviews/${e.id}`} className="hover:underline">
                        <RelativeTime date={e.createdAt} />
                      </Link>
                      {e.decidedBy ? <span className="text-muted-foreground">by {e.decidedBy}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
