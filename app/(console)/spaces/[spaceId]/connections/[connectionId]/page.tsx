import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db";
import { getConnectionDetail } from "@/db/queries/connections";
import { getCapability } from "@/lib/domain/catalog";
import type { Environment } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { requireSpace } from "@/lib/server/session";
import { RemoveConnectionButton, ReplaceCredentialsForm } from "../_components/connection-forms";
import { replaceCredentials } from "../actions";

export const metadata: Metadata = { title: "Connection" };

type Params = { params: Promise<{ spaceId: string; connectionId: string }> };

export default async function ConnectionPage({ params }: Params) {
  const { spaceId, connectionId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const c = await getConnectionDetail(await getDb(), actor, spaceId, connectionId);
  if (!c) notFound();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: c.name },
            ]}
          />
        }
        title={c.name}
        meta={<EnvironmentChip environment={c.environment as Environment} />}
        description={`${getCapability(c.type)?.name ?? c.type} connection.`}
        actions={<RemoveConnectionButton spaceId={spaceId} connectionId={connectionId} name={c.name} />}
      />
      <p className="text-sm">
        Credentials:{" "}
        {c.credentialsUpdatedAt ? (
          <>
            set, last changed <RelativeTime date={c.credentialsUpdatedAt} />
          </>
        ) : (
          <span className="text-muted-foreground">not set</span>
        )}
        . They are stored encrypted and never shown again; replace them to change them.
      </p>
      <ReplaceCredentialsForm action={replaceCredentials} spaceId={spaceId} connectionId={connectionId} />
    </div>
  );
}
