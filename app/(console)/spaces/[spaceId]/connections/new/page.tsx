import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getSpaceOverview } from "@/db/queries/spaces";
import { getCapability } from "@/lib/domain/catalog";
import { CONNECTED_CAPABILITY_TYPES } from "@/lib/domain/constants";
import { can } from "@/lib/domain/permissions";
import { requireSpace } from "@/lib/server/session";
import { CreateConnectionForm } from "../_components/connection-forms";
import { createConnection } from "../actions";

export const metadata: Metadata = { title: "New connection" };

type Params = { params: Promise<{ spaceId: string }> };

export default async function NewConnectionPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const overview = await getSpaceOverview(await getDb(), actor, spaceId);
  if (!overview) notFound();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: "New connection" },
            ]}
          />
        }
        title="New connection"
        description="Connect an external system for one environment; its connected capability can then be enabled there."
      />
      <CreateConnectionForm
        action={createConnection}
        spaceId={spaceId}
        types={CONNECTED_CAPABILITY_TYPES.map((k) => ({ key: k, name: getCapability(k)?.name ?? k }))}
        environments={overview.environments}
      />
    </div>
  );
}
