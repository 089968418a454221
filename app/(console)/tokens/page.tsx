import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listTokens } from "@/db/queries/console";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Tokens" };

export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = await listTokens(await getDb(), actor);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Runtime tokens"
        description="Tokens let a Persona runtime call the gateway for one app in one environment. Only a hash is stored."
      />
      {tokens.length === 0 ? (
        <EmptyState icon={KeyRound} title="No runtime tokens" description="A token is issued per app and environment from a space's page." />
      ) : (
        <Table label="Runtime tokens">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Prefix</TableHead>
              <TableHead>Space · app</TableHead>
              <TableHead>Environment</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.map((t) => {
              return (
                <TableRow key={t.id}>
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
                  <TableCell>
                    <Link className="underline-offset-4 hover:underline" href={`/spaces/${t.spaceId}/tokens`}>
                      {t.spaceName}
                    </Link>{" "}
                    · {t.appName}
                  </TableCell>
                  <TableCell>
                    <EnvironmentChip environment={t.environment} />
                  </TableCell>
                  <TableCell>{t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="text-muted-foreground">Never</span>}</TableCell>
                  <TableCell>{t.expiresAt ? <RelativeTime date={t.expiresAt} /> : <span className="text-muted-foreground">No expiry</span>}</TableCell>
                  <TableCell>
                    {t.status === "revoked" ? <Badge variant="red">Revoked</Badge> : t.status === "expired" ? <Badge variant="grey">Expired</Badge> : <Badge variant="green">Active</Badge>}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
