import type { Metadata } from "next";
import Link from "next/link";
import { CirclePause, Inbox } from "lucide-react";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getHomeSummary } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const actor = await requireActor();
  const summary = await getHomeSummary(await getDb(), actor);
  const stats = [
    { label: "Spaces you can access", value: summary.spaces, href: "/spaces" },
    { label: "Personas", value: summary.personas, href: "/rollouts" },
    { label: "Actions waiting for review", value: summary.pendingActions, href: "/reviews" },
    { label: "Paused personas", value: summary.pausedPersonas.length, href: "/spaces" },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={`What needs attention in ${actor.tenantName} now.`}
      />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-label="At a glance">
        {stats.map((s) => (
          <li key={s.label}>
            <Link href={s.href} className="block rounded-lg border border-border bg-surface p-4 shadow-xs hover:border-accent focus-visible:outline-2 focus-visible:outline-ring">
              <div className="text-2xl font-semibold tabular-nums">{s.value}</div>
              <div className="text-sm text-muted-foreground">{s.label}</div>
            </Link>
          </li>
        ))}
      </ul>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="flex items-center gap-2">
              <Inbox aria-hidden="true" className="size-4" /> Reviews
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {summary.pendingActions === 0 ? (
              <p className="text-muted-foreground">No action is waiting for a reviewer.</p>
            ) : (
              <p>
                <Link href="/reviews" className="font-medium text-accent-text hover:underline">
                  {summary.pendingActions} {summary.pendingActions === 1 ? "action is" : "actions are"} waiting for review
                </Link>
              </p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="flex items-center gap-2">
              <CirclePause aria-hidden="true" className="size-4" /> Paused personas
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            {summary.pausedPersonas.length === 0 ? (
              <p className="text-muted-foreground">Every persona is running. Nothing is paused.</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {summary.pausedPersonas.map((p) => (
                  <li key={p.id} className="flex items-center gap-2">
                    <Link href={`/spaces/${p.spaceId}`} className="font-medium hover:underline">
                      {p.name}
                    </Link>
                    <span className="text-muted-foreground">in {p.spaceName}</span>
                    <PersonaStatusBadge status="paused" />
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
