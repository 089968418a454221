import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listSpacePersonaOptions } from "@/db/queries/personas";
import { can } from "@/lib/domain/permissions";
import { stageLabel } from "@/lib/domain/stages";
import { requireSpace } from "@/lib/server/session";
import { AppForm } from "../_components/app-form";
import { createApp } from "../actions";

export const metadata: Metadata = { title: "New app" };

type Params = { params: Promise<{ spaceId: string }> };

export default async function NewAppPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const personas = await listSpacePersonaOptions(await getDb(), actor, spaceId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: "New app" },
            ]}
          />
        }
        title="New app"
        description="An app is an integration identity: the surface a persona is exposed through. Its runtime tokens are issued per environment."
      />
      <AppForm
        action={createApp}
        spaceId={spaceId}
        personas={personas.map((p) => ({ id: p.id, name: p.name, stageLabel: stageLabel(p.stage) }))}
        submitLabel="Create app"
        pendingLabel="Creating…"
      />
    </div>
  );
}
