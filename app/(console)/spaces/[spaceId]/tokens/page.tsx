import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { getTokenFormOptions, listRuntimeInstances, listSpaceTokens, type SpaceTokenStatus } from "@/db/queries/tokens";
import { can } from "@/lib/domain/permissions";
import { env } from "@/lib/env";
import { requireSpace } from "@/lib/server/session";
import { createRuntimeToken, revokeToken, rotateToken } from "./actions";
import { CreateTokenForm } from "./_components/create-token-form";
import { TokenRowActions } from "./_components/token-row-actions";

export const metadata: Metadata = { title: "Runtime tokens" };

type Params = { params: Promise<{ spaceId: string }> };

/** A runtime that has not sent a heartbeat for this long is shown as quiet. */
const LIVE_WINDOW_MS = 2 * 60_000;

const STATUS: Record<SpaceTokenStatus, { label: string; variant: "green" | "red" | "grey" | "amber" }> = {
  active: { label: "Active", variant: "green" },
  rotating: { label: "Rotated (grace)", variant: "amber" },
  replaced: { label: "Replaced", variant: "grey" },
  revoked: { label: "Revoked", variant: "red" },
  expired: { label: "Expired", variant: "grey" },
};

export default async function SpaceTokensPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  const db = await getDb();
  const manage = can(space.role, "spaces:manage");
  const [tokens, options, instances] = await Promise.all([
    listSpaceTokens(db, actor.tenantId, spaceId),
    manage ? getTokenFormOptions(db, actor.tenantId, spaceId) : Promise.resolve(null),
    listRuntimeInstances(db, actor.tenantId, spaceId),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const quietBefore = Date.now() - LIVE_WINDOW_MS;
  const graceHours = env().RUNTIME_TOKEN_GRACE_HOURS;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs items={[{ label: actor.tenantName, href: "/spaces" }, { label: space.spaceName, href: `/spaces/${spaceId}` }, { label: "Runtime tokens" }]} />
        }
        title="Runtime tokens"
        description="A token lets a Persona runtime call the gateway for one app in one environment. It is shown once; only a hash is stored."
      />
      {manage && options ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Create a token</CardTitle>
            <CardDescription>For one app and one environment this space allows.</CardDescription>
          </CardHeader>
          <CardContent>
            {options.apps.length === 0 ? (
              <p className="text-sm text-muted-foreground">This space has no app yet: add an app first, then issue a token for it.</p>
            ) : (
              <CreateTokenForm spaceId={spaceId} apps={options.apps} environments={options.environments} action={createRuntimeToken} />
            )}
          </CardContent>
        </Card>
      ) : null}
      {tokens.length === 0 ? (
        <EmptyState icon={KeyRound} title="No runtime tokens" description={manage ? "Create one above for the runtime that serves an app." : "Operators issue tokens for this space's apps."} />
      ) : (
        <Table label="Runtime tokens">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Prefix</TableHead>
              <TableHead>App</TableHead>
              <TableHead>Environment</TableHead>
              <TableHead>Created by</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Status</TableHead>
              {manage ? <TableHead className="text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.map((t) => {
              const live = t.status === "active" || t.status === "rotating";
              return (
                <TableRow key={t.id}>
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
                  <TableCell>{t.appName}</TableCell>
                  <TableCell>
                    <EnvironmentChip environment={t.environment} />
                  </TableCell>
                  <TableCell>{t.createdBy ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>{t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="text-muted-foreground">Never</span>}</TableCell>
                  <TableCell>
                    {t.status === "rotating" && t.graceEndsAt ? (
                      <span>
                        grace ends <RelativeTime date={t.graceEndsAt} />
                      </span>
                    ) : t.expiresAt ? (
                      <RelativeTime date={t.expiresAt} />
                    ) : (
                      <span className="text-muted-foreground">No expiry</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS[t.status].variant}>{STATUS[t.status].label}</Badge>
                  </TableCell>
                  {manage ? (
                    <TableCell className="text-right">
                      {live ? (
                        <TokenRowActions
                          spaceId={spaceId}
                          tokenId={t.id}
                          name={t.name}
                          canRotate={t.status === "active"}
                          canRevoke
                          graceHours={graceHours}
                          revoke={revokeToken}
                          rotate={rotateToken}
                        />
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <section aria-labelledby="runtimes-heading" className="flex min-w-0 flex-col gap-3">
        <h2 id="runtimes-heading" className="text-base font-semibold">
          Runtime instances
        </h2>
        {instances.length === 0 ? (
          <EmptyState title="No runtime has reported yet" description="A runtime shows up here after its first heartbeat (POST /api/runtime/v1/heartbeat)." headingLevel="h3" />
        ) : (
          <Table label="Runtime instances">
            <TableHeader>
              <TableRow>
                <TableHead>Instance</TableHead>
                <TableHead>Version</TableHead>
                <TableHead>App</TableHead>
                <TableHead>Environment</TableHead>
                <TableHead>Personas</TableHead>
                <TableHead>Last seen</TableHead>
                <TableHead>State</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {instances.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-mono text-xs">{r.instanceId}</TableCell>
                  <TableCell>{r.version || <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>{r.appName}</TableCell>
                  <TableCell>
                    <EnvironmentChip environment={r.environment} />
                  </TableCell>
                  <TableCell>{r.personaCount}</TableCell>
                  <TableCell>
                    <RelativeTime date={r.lastSeenAt} />
                  </TableCell>
                  <TableCell>
                    {r.lastSeenAt.getTime() >= quietBefore ? <Badge variant="green">Live</Badge> : <Badge variant="grey">Quiet</Badge>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
