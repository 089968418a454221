import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getAppDetail, listSpacePersonaOptions } from "@/db/queries/personas";
import { can } from "@/lib/domain/permissions";
import { stageLabel } from "@/lib/domain/stages";
import { requireSpace } from "@/lib/server/session";
import { AppForm } from "../_components/app-form";
import { ArchiveAppButton } from "../_components/archive-app-button";
import { editApp } from "../actions";

export const metadata: Metadata = { title: "Edit app" };

type Params = { params: Promise<{ spaceId: string; appId: string }> };

export default async function EditAppPage({ params }: Params) {
  const { spaceId, appId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const db = await getDb();
  const app = await getAppDetail(db, actor, spaceId, appId);
  if (!app) notFound();
  const personas = await listSpacePersonaOptions(db, actor, spaceId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: app.name },
            ]}
          />
        }
        title={`Edit ${app.name}`}
        description="Name, kind and the personas this app exposes."
        actions={<ArchiveAppButton spaceId={spaceId} appId={appId} appName={app.name} />}
      />
      <AppForm
        action={editApp}
        spaceId={spaceId}
        appId={appId}
        initial={app}
        personas={personas.map((p) => ({ id: p.id, name: p.name, stageLabel: stageLabel(p.stage) }))}
        submitLabel="Save changes"
        pendingLabel="Saving…"
      />
    </div>
  );
}
