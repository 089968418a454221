import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Inbox, KeyRound, Plus } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { RoleBadge } from "@/components/console/role-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { getSpaceOverview } from "@/db/queries/spaces";
import { countPendingActions } from "@/db/queries/console";
import { defaultActionPolicy, getCapability } from "@/lib/domain/catalog";
import { effectivePolicy, stageCeiling, type SpaceBoundsOverride } from "@/lib/domain/stages";
import type { Environment, Policy, Stage, TenantRole } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { getSpaceAccessForRequest, requireSpace } from "@/lib/server/session";
import { PauseAllPersonasButton, PausePersonaButton, ResumePersonaButton } from "./personas/_components/kill-switch";

type Params = { params: Promise<{ spaceId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  // Never throws: the page itself answers 404 (metadata may be streamed after the status is sent).
  const { spaceId } = await params;
  const space = await getSpaceAccessForRequest(spaceId);
  return { title: space?.spaceName ?? "Space not found" };
}

export default async function SpaceOverviewPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space: access } = await requireSpace(spaceId);
  const db = await getDb();
  const [space, pendingReviews] = await Promise.all([getSpaceOverview(db, actor, spaceId), countPendingActions(db, actor, { spaceId })]);
  if (!space) notFound();

  const canManage = can(access.role, "spaces:manage");
  const canPause = can(access.role, "personas:pause");
  const activeCount = space.personas.filter((p) => p.status === "active").length;
  // "Which actions are allowed": effective policy (grant capped by the stage) of every action of every enabled grant.
  const allowed = new Map<Environment, Record<Policy, number>>();
  for (const g of space.enabledGrants) {
    const capability = getCapability(g.capabilityKey);
    if (!capability) continue;
    const counts = allowed.get(g.environment) ?? { allow: 0, review: 0, deny: 0 };
    for (const a of capability.actions) {
      const ceiling = stageCeiling({
        stage: g.personaStage,
        environment: g.environment,
        capabilityKind: capability.kind,
        risk: a.risk,
        effect: a.effect,
        override: space.boundsOverride as SpaceBoundsOverride | null,
      });
      counts[effectivePolicy(g.policies[a.key] ?? defaultActionPolicy(a), ceiling)] += 1;
    }
    allowed.set(g.environment, counts);
  }
  const settingsHref = `/spaces/${space.id}/settings`;
  const changeLink = (href: string, label: string) =>
    canManage ? (
      <Link href={href} className="ml-2 text-xs font-normal text-accent-text hover:underline">
        {label}
      </Link>
    ) : null;
  const capsByKey = new Map<string, Environment[]>();
  for (const c of space.enabledCapabilities) {
    capsByKey.set(c.capabilityKey, [...(capsByKey.get(c.capabilityKey) ?? []), c.environment as Environment]);
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={<Breadcrumbs items={[{ label: actor.tenantName, href: "/spaces" }, { label: space.name }]} />}
        title={space.name}
        description={space.description || "No description yet."}
        meta={
          <div className="flex flex-wrap items-center gap-2">
            {space.status !== "active" ? <Badge variant="grey">{space.status}</Badge> : null}
            <span className="text-xs text-muted-foreground">Your role here:</span>
            <RoleBadge role={access.role as TenantRole} />
          </div>
        }
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/reports/spaces/${spaceId}`}>Pilot report</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/spaces/${spaceId}/reviews`}>
                <Inbox aria-hidden="true" />
                Reviews{" "}
                <Badge variant={pendingReviews.count > 0 ? "accent" : "grey"} className="tnum">
                  {pendingReviews.count.toLocaleString("en-US")}
                  {pendingReviews.capped ? "+" : ""}
                  <span className="sr-only"> pending</span>
                </Badge>
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/spaces/${spaceId}/tokens`}>
                <KeyRound aria-hidden="true" />
                Runtime tokens
              </Link>
            </Button>
            {canManage ? (
                <Button asChild variant="outline">
                  <Link href={settingsHref}>Settings</Link>
                </Button>
              ) : null}
              {canManage ? (
                <Button asChild>
                  <Link href={`/spaces/${space.id}/personas/new`}>
                    <Plus aria-hidden="true" /> New persona
                  </Link>
                </Button>
              ) : null}
            {canPause && activeCount > 0 ? (
              <PauseAllPersonasButton spaceId={space.id} spaceName={space.name} activeCount={activeCount} />
            ) : null}
          </>
        }
      />

      <section aria-labelledby="boundaries-heading">
        <Card>
          <CardHeader>
            <CardTitle as="h2" id="boundaries-heading">
              Boundaries
            </CardTitle>
            <CardDescription>Who runs this deployment, who can reach it, and what it may touch.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 xl:grid-cols-3">
              <div>
                <dt className="font-medium">
                  <span>Runtime owner</span>
                  {changeLink(`${settingsHref}#runtime-owner`, "Change")}
                </dt>
                <dd className="mt-1 text-muted-foreground">
                  {space.runtimeOwner ? (
                    <>
                      <span className="text-foreground">{space.runtimeOwner.name}</span> ({space.runtimeOwner.kind}) ·{" "}
                      {space.runtimeHosting === "vendor" ? "hosted by the vendor" : "hosted by the customer"}
                    </>
                  ) : (
                    <>Not named yet · {space.runtimeHosting === "vendor" ? "hosted by the vendor" : "hosted by the customer"}</>
                  )}
                </dd>
              </div>
              <div>
                <dt className="font-medium">
                  <span>Environments it can touch</span>
                  {changeLink(`${settingsHref}#environments`, "Change")}
                </dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {space.environments.map((e) => (
                    <EnvironmentChip key={e} environment={e} />
                  ))}
                </dd>
              </div>
              <div>
                <dt className="flex items-center gap-2 font-medium">
                  Who can access it
                  {can(access.role, "members:manage") ? (
                    <Link href={`/spaces/${space.id}/access`} className="text-xs font-normal text-accent-text hover:underline">
                      Manage access
                    </Link>
                  ) : null}
                </dt>
                <dd className="mt-1 text-muted-foreground">
                  {space.access.length === 0 ? (
                    "Tenant owners only"
                  ) : (
                    <ul className="flex flex-col gap-0.5">
                      <li>Tenant owners (always)</li>
                      {space.access.map((a, i) => (
                        <li key={i}>
                          <span className="text-foreground">{a.name}</span> {a.kind === "team" ? "(team)" : ""} · {a.role}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div className="sm:col-span-2 xl:col-span-3">
                <dt className="font-medium">
                  <span>Actions allowed</span>
                  {changeLink("#personas-heading", "Change per persona")}
                </dt>
                <dd className="mt-1">
                  {allowed.size === 0 ? (
                    <span className="text-muted-foreground">No action is allowed: no capability is enabled.</span>
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {space.environments
                        .filter((e) => allowed.has(e))
                        .map((e) => {
                          const c = allowed.get(e)!;
                          return (
                            <li key={e} className="flex flex-wrap items-center gap-2">
                              <EnvironmentChip environment={e} />
                              <span className="tnum">
                                {c.allow} run without review · {c.review} need review · {c.deny} denied
                              </span>
                            </li>
                          );
                        })}
                    </ul>
                  )}
                </dd>
              </div>
              <div className="sm:col-span-2 xl:col-span-3">
                <dt className="font-medium">
                  <span>Capabilities enabled</span>
                  {changeLink("#personas-heading", "Change per persona")}
                </dt>
                <dd className="mt-1">
                  {capsByKey.size === 0 ? (
                    <span className="text-muted-foreground">No capability is enabled for any persona yet.</span>
                  ) : (
                    <ul className="flex flex-wrap gap-2">
                      {[...capsByKey].map(([key, envs]) => (
                        <li key={key} className="flex flex-wrap items-center gap-1.5 rounded-md border border-border px-2 py-1">
                          <span className="font-medium">{getCapability(key)?.name ?? key}</span>
                          <Badge variant={getCapability(key)?.kind === "connected" ? "blue" : "neutral"}>
                            {getCapability(key)?.kind === "connected" ? "connected" : "built-in"}
                          </Badge>
                          {envs.map((e) => (
                            <EnvironmentChip key={e} environment={e} />
                          ))}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="personas-heading" className="flex min-w-0 flex-col gap-3">
        <h2 id="personas-heading" className="text-base font-semibold">
          Personas
        </h2>
        {space.personas.length === 0 ? (
          <EmptyState
            title="No personas yet"
            description="A persona is the AI entity this space deploys. Personas are added by operators."
            headingLevel="h3"
            action={
              canManage ? (
                <Button asChild variant="outline">
                  <Link href={`/spaces/${space.id}/personas/new`}>New persona</Link>
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table label="Personas">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">Stage</TableHead>
                <TableHead className="hidden md:table-cell">Exposed through</TableHead>
                {canPause ? <TableHead className="text-right">Kill switch</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {space.personas.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <Link href={`/spaces/${space.id}/personas/${p.id}`} className="font-medium hover:underline">
                      {p.name}
                    </Link>
                    <div className="line-clamp-1 max-w-40 text-xs text-muted-foreground sm:max-w-xs" title={p.purpose}>
                      {p.purpose}
                    </div>
                  </TableCell>
                  <TableCell>
                    <PersonaStatusBadge status={p.status} />
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    <StageBadge stage={p.stage as Stage} />
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{p.apps.length ? p.apps.join(", ") : <span className="text-muted-foreground">No app</span>}</TableCell>
                  {canPause ? (
                    <TableCell className="text-right">
                      {p.status === "paused" ? (
                        <ResumePersonaButton spaceId={space.id} personaId={p.id} personaName={p.name} size="sm" />
                      ) : (
                        <PausePersonaButton spaceId={space.id} personaId={p.id} personaName={p.name} size="sm" />
                      )}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="apps-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex items-center justify-between gap-2">
            <h2 id="apps-heading" className="text-base font-semibold">
              Apps
            </h2>
            {canManage ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`/spaces/${space.id}/apps/new`}>
                  <Plus aria-hidden="true" /> New app
                </Link>
              </Button>
            ) : null}
          </div>
          {space.apps.length === 0 ? (
            <EmptyState title="No apps yet" description="An app is the surface a persona is exposed through: a web widget, an API, a chat." headingLevel="h3" />
          ) : (
            <Table label="Apps">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Kind</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {space.apps.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>
                      {canManage ? (
                        <Link href={`/spaces/${space.id}/apps/${a.id}`} className="font-medium hover:underline" aria-label={`Edit app ${a.name}`}>
                          {a.name}
                        </Link>
                      ) : (
                        <div className="font-medium">{a.name}</div>
                      )}
                      <div className="line-clamp-1 text-xs text-muted-foreground">{a.description}</div>
                    </TableCell>
                    <TableCell>{a.kind.replace(/_/g, " ")}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
        <section aria-labelledby="connections-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex items-center justify-between gap-2">
            <h2 id="connections-heading" className="text-base font-semibold">
              Connections
            </h2>
            {canManage ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`/spaces/${space.id}/connections/new`}>
                  <Plus aria-hidden="true" /> New connection
                </Link>
              </Button>
            ) : null}
          </div>
          {space.connections.length === 0 ? (
            <EmptyState title="No connections yet" description="Connect an external system (CRM, ticketing, email…) per environment to enable connected capabilities." headingLevel="h3" />
          ) : (
            <Table label="Connections">
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Environment</TableHead>
                  <TableHead>Credentials</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {space.connections.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="font-medium">
                      {canManage ? (
                        <Link href={`/spaces/${space.id}/connections/${c.id}`} className="hover:underline">
                          {c.name}
                        </Link>
                      ) : (
                        c.name
                      )}
                    </TableCell>
                    <TableCell>{getCapability(c.type)?.name ?? c.type}</TableCell>
                    <TableCell>
                      <EnvironmentChip environment={c.environment as Environment} />
                    </TableCell>
                    <TableCell>
                      {c.credentialsSet && c.credentialsUpdatedAt ? (
                        <span>
                          Set, last changed <RelativeTime date={c.credentialsUpdatedAt} />
                        </span>
                      ) : (
                        <span className="text-muted-foreground">Not set</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      </div>
    </div>
  );
}
