import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Webhook } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { isUuid } from "@/db/access";
import { getSpaceWebhook, listWebhookDeliveries } from "@/db/notifications/webhooks";
import { can } from "@/lib/domain/permissions";
import type { WebhookDeliveryStatus } from "@/lib/notifications/kinds";
import { requireSpace } from "@/lib/server/session";
import { configureWebhook, removeWebhook, rotateWebhookSecret } from "./actions";
import { WebhookDangerZone, WebhookForm } from "./_components/webhook-forms";

export const metadata: Metadata = { title: "Webhook" };

type Props = { params: Promise<{ spaceId: string }>; searchParams: Promise<{ before?: string }> };

const STATUS: Record<WebhookDeliveryStatus, { label: string; variant: "blue" | "green" | "red" }> = {
  pending: { label: "Retrying", variant: "blue" },
  delivered: { label: "Delivered", variant: "green" },
  failed: { label: "Failed", variant: "red" },
};

export default async function SpaceWebhookPage({ params, searchParams }: Props) {
  const { spaceId } = await params;
  const { before: rawBefore } = await searchParams;
  const { actor, space } = await requireSpace(spaceId);
  // Owners only: where a space's notifications go is decided like who may see the space.
  if (!can(space.role, "members:manage")) notFound();
  const db = await getDb();
  const before = rawBefore && isUuid(rawBefore) ? rawBefore : null;
  const [hook, deliveries] = await Promise.all([
    getSpaceWebhook(db, actor.tenantId, spaceId),
    listWebhookDeliveries(db, actor.tenantId, spaceId, { limit: 50, before }),
  ]);
  const base = `/spaces/${spaceId}/webhook`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: "Settings", href: `/spaces/${spaceId}/settings` },
              { label: "Webhook" },
            ]}
          />
        }
        title="Webhook"
        description="Forward this space's notifications to your own chat or mail: each one is POSTed as signed JSON, retried with backoff until it is accepted."
        meta={hook ? <Badge variant={hook.enabled ? "green" : "grey"}>{hook.enabled ? "Delivering" : "Paused"}</Badge> : null}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">{hook ? "Configuration" : "Create a webhook"}</CardTitle>
          <CardDescription>
            {hook ? (
              <>
                Created <RelativeTime date={hook.createdAt} />, last changed <RelativeTime date={hook.updatedAt} />.
              </>
            ) : (
              "A signing secret is made when you create it, and shown once."
            )}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <WebhookForm spaceId={spaceId} initial={hook ? { url: hook.url, enabled: hook.enabled } : null} action={configureWebhook} />
        </CardContent>
      </Card>
      {hook ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Signing secret</CardTitle>
            <CardDescription>
              Set <RelativeTime date={hook.secretRotatedAt} />. Verify <code className="font-mono text-xs">Persona-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</code>{" "}
              as HMAC-SHA256 of <code className="font-mono text-xs">{"${t}.${body}"}</code> with this secret, and refuse timestamps older than 5 minutes.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <WebhookDangerZone spaceId={spaceId} rotate={rotateWebhookSecret} remove={removeWebhook} />
          </CardContent>
        </Card>
      ) : null}
      <section aria-labelledby="deliveries-heading" className="flex min-w-0 flex-col gap-3">
        <h2 id="deliveries-heading" className="text-base font-semibold">
          Deliveries
        </h2>
        {deliveries.items.length === 0 ? (
          <EmptyState
            icon={Webhook}
            headingLevel="h3"
            title="No deliveries yet"
            description={hook ? "The next notification of this space (a review waiting, a sign-off, a pause, a failing gate) is delivered here." : "Create the webhook above; its deliveries will be listed here."}
          />
        ) : (
          <Table label="Webhook deliveries">
            <TableHeader>
              <TableRow>
                <TableHead>Event</TableHead>
                <TableHead>Notification</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Attempts</TableHead>
                <TableHead>Last response</TableHead>
                <TableHead>Last attempt</TableHead>
                <TableHead>Next attempt</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.items.map((d) => (
                <TableRow key={d.id}>
                  <TableCell className="font-mono text-xs whitespace-nowrap">{d.eventType}</TableCell>
                  <TableCell className="max-w-72 truncate" title={d.title}>
                    {d.title}
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS[d.status].variant}>{STATUS[d.status].label}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
                  <TableCell className="max-w-64 truncate" title={d.lastError ?? undefined}>
                    {d.lastResponseCode !== null ? (
                      <span className="tabular-nums">{d.lastResponseCode}</span>
                    ) : d.lastError ? (
                      <span className="text-destructive">{d.lastError}</span>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell>{d.lastAttemptAt ? <RelativeTime date={d.lastAttemptAt} /> : <span className="text-muted-foreground">Not yet</span>}</TableCell>
                  <TableCell>{d.status === "pending" ? <RelativeTime date={d.nextAttemptAt} /> : <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>
                    <RelativeTime date={d.createdAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Pagination previousHref={before ? base : null} nextHref={deliveries.nextCursor ? `${base}?before=${deliveries.nextCursor}` : null} />
      </section>
    </div>
  );
}
