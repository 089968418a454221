import type { Metadata } from "next";
import Link from "next/link";
import { Boxes, Plus, Search } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listSpaces } from "@/db/queries/spaces";
import type { Stage } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Spaces" };

export default async function SpacesPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requireActor();
  const { q } = await searchParams;
  const spaces = await listSpaces(await getDb(), actor, { q });
  const canCreate = can(actor.tenantRole, "spaces:manage");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Spaces"
        description="Each space is a bounded deployment: its personas, apps, connections and the environments it may touch."
        actions={
          canCreate ? (
            <Button asChild>
              <Link href="/spaces/new">
                <Plus aria-hidden="true" /> New space
              </Link>
            </Button>
          ) : null
        }
      />
      <form role="search" className="flex max-w-md items-center gap-2" action="/spaces">
        <label htmlFor="space-search" className="sr-only">
          Search spaces and personas
        </label>
        <div className="relative flex-1">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input id="space-search" name="q" type="search" defaultValue={q ?? ""} placeholder="Search spaces and personas" className="pl-8" />
        </div>
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>

      {spaces.length === 0 ? (
        q ? (
          <EmptyState
            icon={Search}
            title={`No space matches “${q}”`}
            description="Try another name, or clear the search to see every space you can access."
            action={
              <Button asChild variant="outline">
                <Link href="/spaces">Clear search</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={Boxes}
            title="No spaces yet"
            description={
              canCreate
                ? "Create a space to provision a bounded deployment: its apps, personas and environments."
                : "You have no access to a space yet. Ask an owner of your tenant to grant you one."
            }
            action={
              canCreate ? (
                <Button asChild>
                  <Link href="/spaces/new">New space</Link>
                </Button>
              ) : null
            }
          />
        )
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Spaces">
          {spaces.map((space) => (
            <li key={space.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-border bg-surface p-4 shadow-xs">
              <div className="flex min-w-0 items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="truncate text-base font-semibold" title={space.name}>
                    <Link href={`/spaces/${space.id}`} className="hover:underline focus-visible:underline">
                      {space.name}
                    </Link>
                  </h2>
                  {space.description ? (
                    <p className="mt-0.5 line-clamp-2 text-sm text-muted-foreground">{space.description}</p>
                  ) : null}
                </div>
                <div className="flex shrink-0 flex-col items-end gap-1">
                  {space.status !== "active" ? <Badge variant="grey">{space.status}</Badge> : null}
                  {space.pendingActions > 0 ? (
                    <Badge variant="blue">{space.pendingActions} pending</Badge>
                  ) : null}
                </div>
              </div>
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="sr-only">Environments:</span>
                {space.environments.map((e) => (
                  <EnvironmentChip key={e} environment={e} />
                ))}
              </div>
              <div className="grid gap-3 text-sm sm:grid-cols-2">
                <div className="min-w-0">
                  <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Personas</h3>
                  {space.personas.length === 0 ? (
                    <p className="text-muted-foreground">None yet</p>
                  ) : (
                    <ul className="mt-1 flex flex-col gap-1">
                      {space.personas.map((p) => (
                        <li key={p.id} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                          <span className="truncate font-medium" title={p.name}>{p.name}</span>
                          <StageBadge stage={p.stage as Stage} />
                          {p.status === "paused" ? <PersonaStatusBadge status="paused" /> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <div className="min-w-0">
                  <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Apps</h3>
                  {space.apps.length === 0 ? (
                    <p className="text-muted-foreground">None yet</p>
                  ) : (
                    <ul className="mt-1 flex flex-col gap-1">
                      {space.apps.map((a) => (
                        <li key={a.id} className="truncate" title={a.name}>{a.name}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
