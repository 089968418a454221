import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CircleAlert, Pencil } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { TabNav } from "@/components/ui/tab-nav";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { getPersonaDetail } from "@/db/queries/personas";
import { listCapabilities } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import { resolveStageBounds, stageLabel, type SpaceBoundsOverride } from "@/lib/domain/stages";
import { getCurrentActor, getSpaceAccessForRequest, requireSpace } from "@/lib/server/session";
import { listPersonaMemory } from "@/db/queries/memory";
import { ENVIRONMENTS } from "@/lib/domain/constants";
import { getPersonaAutonomy } from "@/db/queries/autonomy";
import { DeleteMemoryButton } from "../_components/delete-memory-button";
import { AutonomySuggestions } from "../_autonomy/autonomy-suggestions";
import { applyAutonomySuggestionAction } from "../_autonomy/actions";
import { PausePersonaButton, ResumePersonaButton } from "../_components/kill-switch";
import { deleteMemoryItemAction } from "../actions";

type Params = { params: Promise<{ spaceId: string; personaId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { spaceId, personaId } = await params;
  const space = await getSpaceAccessForRequest(spaceId);
  const actor = await getCurrentActor();
  if (!space || !actor) return { title: "Persona not found" };
  const persona = await getPersonaDetail(await getDb(), actor, spaceId, personaId);
  return { title: persona ? `${persona.name} · ${space.spaceName}` : "Persona not found" };
}

export default async function PersonaPage({ params }: Params) {
  const { spaceId, personaId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  const persona = await getPersonaDetail(await getDb(), actor, spaceId, personaId);
  if (!persona) notFound();
  const canManage = can(space.role, "spaces:manage");
  const canPause = can(space.role, "personas:pause");
  const bounds = resolveStageBounds(persona.stage, persona.spaceBoundsOverride as SpaceBoundsOverride | null);
  const paused = persona.status === "paused";
  const withValues = can(space.role, "details:read");
  const memory = await listPersonaMemory(await getDb(), actor, spaceId, persona.id, { withValues });
  const autonomy = await getPersonaAutonomy(await getDb(), actor, spaceId, persona.id);
  const grantOf = (key: string, env: string) => persona.grants.find((g) => g.capabilityKey === key && g.environment === env);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        className="pb-0"
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: persona.spaceName, href: `/spaces/${spaceId}` },
              { label: persona.name },
            ]}
          />
        }
        title={persona.name}
        meta={<PersonaStatusBadge status={persona.status} />}
        description={persona.purpose || "No purpose written yet."}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/reports/personas/${personaId}`}>Pilot report</Link>
            </Button>
            {canManage ? (
              <Button asChild variant="outline">
                <Link href={`/spaces/${spaceId}/personas/${personaId}/edit`}>
                  <Pencil aria-hidden="true" /> Edit
                </Link>
              </Button>
            ) : null}
            {canPause ? (
              paused ? (
                <ResumePersonaButton spaceId={spaceId} personaId={personaId} personaName={persona.name} />
              ) : (
                <PausePersonaButton spaceId={spaceId} personaId={personaId} personaName={persona.name} />
              )
            ) : null}
          </>
        }
      />

      <TabNav
        label="Persona sections"
        items={[
          { href: `/spaces/${spaceId}/personas/${personaId}`, label: "Overview", exact: true },
          { href: `/spaces/${spaceId}/personas/${personaId}/capabilities`, label: "Capabilities" },
          { href: `/spaces/${spaceId}/personas/${personaId}/activity`, label: "Activity" },
        ]}
      />

      {paused && persona.openIncident ? (
        <section
          aria-labelledby="incident-heading"
          className="flex gap-3 rounded-lg border border-destructive/60 bg-destructive/5 p-4 text-sm"
        >
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive-text" />
          <div className="flex min-w-0 flex-col gap-1">
            <h2 id="incident-heading" className="font-semibold text-destructive-text">
              Paused: open incident
            </h2>
            <p className="break-words">{persona.openIncident.reason}</p>
            <p className="text-xs text-muted-foreground">
              Paused by {persona.openIncident.openedBy ?? "someone"} <RelativeTime date={persona.openIncident.openedAt} />. Every request of
              this persona is denied until it is resumed with a resolution note.
            </p>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="summary-heading">
        <Card>
          <CardHeader>
            <CardTitle as="h2" id="summary-heading">
              Overview
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 xl:grid-cols-3">
              <div>
                <dt className="font-medium">Status</dt>
                <dd className="mt-1">
                  <PersonaStatusBadge status={persona.status} />
                </dd>
              </div>
              <div>
                <dt className="font-medium">Rollout stage</dt>
                <dd className="mt-1 flex flex-wrap items-center gap-2">
                  <StageBadge stage={persona.stage} />
                  <span className="text-xs text-muted-foreground">
                    since <RelativeTime date={persona.stageEnteredAt} />
                  </span>
                </dd>
              </div>
              <div>
                <dt className="font-medium">Environments</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {persona.spaceEnvironments.map((e) => (
                    <span key={e} className="flex items-center gap-1">
                      <EnvironmentChip environment={e} />
                      {!bounds.environments.includes(e) ? (
                        <span className="text-xs text-muted-foreground">(not at {stageLabel(persona.stage)})</span>
                      ) : null}
                    </span>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="font-medium">Owner</dt>
                <dd className="mt-1 text-muted-foreground">{persona.owner ? <span className="text-foreground">{persona.owner.name}</span> : "No owner yet"}</dd>
              </div>
              <div>
                <dt className="font-medium">Exposed through</dt>
                <dd className="mt-1 text-muted-foreground">
                  {persona.apps.length === 0 ? (
                    "No app yet"
                  ) : (
                    <ul className="flex flex-col gap-0.5">
                      {persona.apps.map((a) => (
                        <li key={a.id}>
                          <span className="text-foreground">{a.name}</span> · {a.kind.replace(/_/g, " ")}
                        </li>
                      ))}
                    </ul>
                  )}
                  <p className="mt-1 text-xs">
                    {bounds.maxApps === null
                      ? `${stageLabel(persona.stage)} allows any number of apps.`
                      : `${stageLabel(persona.stage)} allows at most ${bounds.maxApps} app${bounds.maxApps === 1 ? "" : "s"}.`}
                  </p>
                </dd>
              </div>
              <div>
                <dt className="font-medium">Pending actions</dt>
                <dd className="mt-1 tnum">{persona.pendingActions}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      </section>

      {autonomy ? (
        <section aria-labelledby="autonomy-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-col gap-1">
            <h2 id="autonomy-heading" className="text-base font-semibold">
              Suggestions
            </h2>
            <p className="text-sm text-muted-foreground">
              Earned autonomy: {autonomy.settings.approvalsToAllow} approvals and no rejection in {autonomy.settings.windowDays} days suggest
              allowing an action without review; {autonomy.settings.rejectionsToReview}{" "}
              {autonomy.settings.rejectionsToReview === 1 ? "rejection or failed outcome suggests" : "rejections or failed outcomes suggest"} review
              again. Always within the stage bounds.{" "}
              {canManage ? (
                <Link href={`/spaces/${spaceId}/settings#autonomy`} className="text-accent-text hover:underline">
                  Change these numbers
                </Link>
              ) : null}
            </p>
          </div>
          <AutonomySuggestions
            spaceId={spaceId}
            personaId={persona.id}
            personaName={persona.name}
            suggestions={autonomy.suggestions}
            canApply={canManage}
            apply={applyAutonomySuggestionAction}
          />
        </section>
      ) : null}

      <section aria-labelledby="capabilities-heading" className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="capabilities-heading" className="text-base font-semibold">
            Capabilities
          </h2>
          <p className="text-sm text-muted-foreground">
            What this persona may do, per environment of the space.{" "}
            <Link href={`/spaces/${spaceId}/personas/${personaId}/capabilities`} className="text-accent-text hover:underline">
              {canManage ? "Change capabilities and policies" : "See each action's policy"}
            </Link>
          </p>
        </div>
        <Table label="Capabilities by environment">
          <TableHeader>
            <TableRow>
              <TableHead>Capability</TableHead>
              {persona.spaceEnvironments.map((e) => (
                <TableHead key={e}>
                  <EnvironmentChip environment={e} />
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {listCapabilities().map((c) => (
              <TableRow key={c.key}>
                <TableCell>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="font-medium">{c.name}</span>
                    <Badge variant={c.kind === "connected" ? "blue" : "neutral"}>{c.kind === "connected" ? "connected" : "built-in"}</Badge>
                  </div>
                </TableCell>
                {persona.spaceEnvironments.map((e) => {
                  const g = grantOf(c.key, e);
                  return (
                    <TableCell key={e}>
                      {g?.enabled ? <Badge variant="green">Enabled</Badge> : <span className="text-muted-foreground">Off</span>}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      <section aria-labelledby="memory-heading" className="flex min-w-0 flex-col gap-3">
        <div>
          <h2 id="memory-heading" className="text-base font-semibold">
            Memory
          </h2>
          <p className="text-sm text-muted-foreground">
            What {persona.name} remembers, per environment, kept by its runtime. Remembering since <RelativeTime date={persona.createdAt} />.
          </p>
        </div>
        <ul className="flex flex-wrap gap-2 text-sm" aria-label="Memory items per environment">
          {ENVIRONMENTS.map((env) => (
            <li key={env} className="flex items-center gap-1.5 rounded-md border border-border px-2 py-1">
              <EnvironmentChip environment={env} />
              <span className="tabular-nums">{memory.counts[env] ?? 0}</span> items
            </li>
          ))}
        </ul>
        {!withValues ? (
          <p className="text-sm text-muted-foreground">Viewers see counts only, never memory values.</p>
        ) : memory.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing remembered yet: items appear when the runtime writes memory.</p>
        ) : (
          <Table label="Memory items">
            <TableHeader>
              <TableRow>
                <TableHead>Environment</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>Value</TableHead>
                <TableHead>Version</TableHead>
                <TableHead>Updated</TableHead>
                <TableHead>By app</TableHead>
                {canManage ? (
                  <TableHead>
                    <span className="sr-only">Delete</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {memory.items.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>
                    <EnvironmentChip environment={m.environment} />
                  </TableCell>
                  <TableCell className="font-mono text-xs">{m.key}</TableCell>
                  <TableCell className="max-w-xs truncate font-mono text-xs" title={m.preview ?? undefined}>
                    {m.preview}
                  </TableCell>
                  <TableCell className="tabular-nums">{m.version}</TableCell>
                  <TableCell>
                    <RelativeTime date={m.updatedAt} />
                  </TableCell>
                  <TableCell>{m.appName ?? "—"}</TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <DeleteMemoryButton spaceId={spaceId} personaId={persona.id} memoryItemId={m.id} memoryKey={m.key} action={deleteMemoryItemAction} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
