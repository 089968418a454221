import type { Metadata } from "next";
import Link from "next/link";
import { CircleCheck, CirclePause, Clock, Inbox, KeyRound, Radio, TrendingUp } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db";
import { getAttention, isAllClear, type AttentionCheck, type GateItem } from "@/db/queries/attention";
import { stageLabel } from "@/lib/domain/stages";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Home" };

/** What each check looked at, in words, for the "All clear" state. */
const CHECK_LABELS: Record<AttentionCheck, string> = {
  reviews: "actions waiting for your review, and reviews about to expire",
  paused: "paused personas and open incidents",
  gates: "rollout gates ready to advance, waiting for sign-off or newly failing",
  runtimes: "runtimes that stopped reporting for a day",
  tokens: "runtime tokens expiring within 7 days or unused for 30 days",
};

const GATE_BADGE: Record<GateItem["kind"], { label: string; variant: "green" | "blue" | "red" }> = {
  ready: { label: "Ready to advance", variant: "green" },
  signoff: { label: "Waiting for sign-off", variant: "blue" },
  failing: { label: "Newly failing", variant: "red" },
};

function Section({ id, icon: Icon, title, description, children }: { id: string; icon: LucideIcon; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0">
      <Card className="h-full">
        <CardHeader>
          <CardTitle as="h2" id={`${id}-heading`} className="flex items-center gap-2">
            <Icon aria-hidden="true" className="size-4 text-muted-foreground" /> {title}
          </CardTitle>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </CardHeader>
        <CardContent className="text-sm">{children}</CardContent>
      </Card>
    </section>
  );
}

function ItemList({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <ul aria-label={label} className="flex flex-col divide-y divide-border">
      {children}
    </ul>
  );
}

function Item({ children }: { children: React.ReactNode }) {
  return <li className="flex min-w-0 flex-col gap-0.5 py-2 first:pt-0 last:pb-0">{children}</li>;
}

const linkClass = "truncate font-medium text-accent-text hover:underline focus-visible:outline-2 focus-visible:outline-ring";

export default async function HomePage() {
  const actor = await requireActor();
  const a = await getAttention(await getDb(), actor);
  const clear = isAllClear(a);
  const stats = [
    { label: "Spaces you can access", value: a.spaces, href: "/spaces" },
    { label: "Personas", value: a.personas, href: "/rollouts" },
    ...(a.pendingReviews ? [{ label: "Actions waiting for review", value: a.pendingReviews.count, href: "/reviews" }] : []),
    { label: "Paused personas", value: a.pausedPersonas.length, href: "/spaces" },
  ];
  const quietChecks = a.checked.filter((c) =>
    c === "reviews" ? !a.pendingReviews?.count && !a.expiringReviews.length
    : c === "paused" ? !a.pausedPersonas.length
    : c === "gates" ? !a.gates.length
    : c === "runtimes" ? !a.quietRuntimes.length
    : !a.tokens.length,
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={`Welcome, ${actor.name.split(" ")[0]}`} description={`What needs attention in ${actor.tenantName} now.`} />
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

      {clear ? (
        <EmptyState
          icon={CircleCheck}
          title="All clear"
          description={
            a.checked.length === 0
              ? "You have no access to a space yet, so there is nothing to check. An owner can grant you access on the Members page."
              : "Nothing needs your attention right now. What was checked:"
          }
          action={
            a.checked.length ? (
              <ul aria-label="What was checked" className="flex flex-col gap-1 text-left text-sm">
                {a.checked.map((c) => (
                  <li key={c} className="flex items-start gap-2">
                    <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-700 dark:text-green-400" />
                    <span>{CHECK_LABELS[c].charAt(0).toUpperCase() + CHECK_LABELS[c].slice(1)}</span>
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {a.pendingReviews && (a.pendingReviews.count > 0 || a.expiringReviews.length > 0) ? (
            <Section id="reviews" icon={Inbox} title="Reviews">
              <div className="flex flex-col gap-3">
                {a.pendingReviews.count > 0 ? (
                  <p>
                    <Link href="/reviews" className={linkClass}>
                      {a.pendingReviews.count} {a.pendingReviews.count === 1 ? "action is" : "actions are"} waiting for review
                    </Link>
                    {a.pendingReviews.oldestAt ? (
                      <span className="text-muted-foreground">
                        {" "}· the oldest arrived <RelativeTime date={a.pendingReviews.oldestAt} />
                      </span>
                    ) : null}
                  </p>
                ) : null}
                {a.expiringReviews.length > 0 ? (
                  <section aria-labelledby="expiring-heading" className="flex flex-col gap-2">
                    <h3 id="expiring-heading" className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-amber-800 uppercase dark:text-amber-300">
                      <Clock aria-hidden="true" className="size-3.5" /> About to expire
                    </h3>
                    <ItemList label="Reviews about to expire">
                      {a.expiringReviews.map((r) => (
                        <Item key={r.id}>
                          <div className="flex min-w-0 items-center justify-between gap-2">
                            <Link href={`/reviews/${r.id}`} className={`${linkClass} font-mono text-xs`}>
                              {r.actionKey}
                              <span className="sr-only"> proposed by {r.personaName}</span>
                            </Link>
                            <Badge variant="amber">
                              expires&nbsp;<RelativeTime date={r.expiresAt} />
                            </Badge>
                          </div>
                          <span className="truncate text-xs text-muted-foreground">
                            {r.personaName} in {r.spaceName}. Unanswered, it expires and the persona is told no.
                          </span>
                        </Item>
                      ))}
                    </ItemList>
                  </section>
                ) : null}
              </div>
            </Section>
          ) : null}

          {a.pausedPersonas.length > 0 ? (
            <Section id="paused" icon={CirclePause} title="Paused personas" description="Every request of a paused persona is denied until someone resumes it with a resolution note.">
              <ItemList label="Paused personas">
                {a.pausedPersonas.map((p) => (
                  <Item key={p.id}>
                    <div className="flex min-w-0 items-center justify-between gap-2">
                      <Link href={`/spaces/${p.spaceId}/personas/${p.id}`} className={linkClass}>
                        {p.name}
                      </Link>
                      <PersonaStatusBadge status="paused" />
                    </div>
                    <span className="min-w-0 text-xs text-muted-foreground">
                      {p.spaceName} ·{" "}
                      {p.incident ? (
                        <>
                          incident open since <RelativeTime date={p.incident.openedAt} />
                          {p.incident.reason ? <span className="block truncate" title={p.incident.reason}>“{p.incident.reason}”</span> : null}
                        </>
                      ) : p.pausedAt ? (
                        <>paused <RelativeTime date={p.pausedAt} /></>
                      ) : (
                        "paused"
                      )}
                    </span>
                  </Item>
                ))}
              </ItemList>
            </Section>
          ) : null}

          {a.gates.length > 0 ? (
            <Section id="gates" icon={TrendingUp} title="Rollout gates">
              <ItemList label="Rollout gates">
                {a.gates.map((g) => (
                  <Item key={g.personaId}>
                    <div className="flex min-w-0 items-center justify-between gap-2">
                      <Link href={`/rollouts/${g.personaId}`} className={linkClass}>
                        {g.personaName}
                      </Link>
                      <Badge variant={GATE_BADGE[g.kind].variant}>{GATE_BADGE[g.kind].label}</Badge>
                    </div>
                    <span className="text-xs text-muted-foreground">
                      {g.spaceName} · {stageLabel(g.stage)} → {stageLabel(g.to)}
                      {g.kind === "ready" ? ": the gate passes and nobody has asked to advance yet." : null}
                      {g.kind === "signoff" ? ": an advance waits for an owner's sign-off." : null}
                      {g.kind === "failing" ? `: passed a week ago, fails now (${g.failing.join("; ")}).` : null}
                    </span>
                  </Item>
                ))}
              </ItemList>
            </Section>
          ) : null}

          {a.quietRuntimes.length > 0 ? (
            <Section id="runtimes" icon={Radio} title="Runtimes that went quiet" description="No heartbeat or token use for over a day, after being active.">
              <ItemList label="Runtimes that went quiet">
                {a.quietRuntimes.map((r) => (
                  <Item key={`${r.appId}:${r.environment}`}>
                    <div className="flex min-w-0 items-center justify-between gap-2">
                      <Link href={`/spaces/${r.spaceId}/apps/${r.appId}`} className={linkClass}>
                        {r.appName}
                      </Link>
                      <EnvironmentChip environment={r.environment} />
                    </div>
                    <span className="truncate text-xs text-muted-foreground">
                      {r.spaceName} · last heard from <RelativeTime date={r.lastSeenAt} />
                      {r.instances.length ? ` · ${r.instances.length === 1 ? "instance" : "instances"} ${r.instances.slice(0, 3).join(", ")}` : ""}
                    </span>
                  </Item>
                ))}
              </ItemList>
            </Section>
          ) : null}

          {a.tokens.length > 0 ? (
            <Section id="tokens" icon={KeyRound} title="Runtime tokens" description="Rotate a token before it expires; revoke one nobody uses.">
              <ItemList label="Runtime tokens">
                {a.tokens.map((t) => (
                  <Item key={t.id}>
                    <div className="flex min-w-0 items-center justify-between gap-2">
                      <Link href={`/spaces/${t.spaceId}/tokens`} className={`${linkClass} font-mono text-xs`}>
                        {t.name}
                      </Link>
                      {t.reason === "expiring" && t.expiresAt ? (
                        <Badge variant="amber">
                          expires&nbsp;<RelativeTime date={t.expiresAt} />
                        </Badge>
                      ) : (
                        <Badge variant="grey">unused 30+ days</Badge>
                      )}
                    </div>
                    <span className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
                      <span className="truncate">
                        {t.spaceName} · {t.appName} ·{" "}
                        {t.lastUsedAt ? (
                          <>last used <RelativeTime date={t.lastUsedAt} /></>
                        ) : (
                          "never used"
                        )}
                      </span>
                      <EnvironmentChip environment={t.environment} />
                    </span>
                  </Item>
                ))}
              </ItemList>
            </Section>
          ) : null}
        </div>
      )}
      {!clear && quietChecks.length > 0 ? (
        <p className="flex items-start gap-2 text-sm text-muted-foreground">
          <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-700 dark:text-green-400" />
          <span>Also checked, nothing found: {quietChecks.map((c) => CHECK_LABELS[c]).join("; ")}.</span>
        </p>
      ) : null}
    </div>
  );
}
