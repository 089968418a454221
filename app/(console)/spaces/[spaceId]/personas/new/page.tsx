import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listSpaceAppOptions, listTenantMemberOptions } from "@/db/queries/personas";
import { can } from "@/lib/domain/permissions";
import { resolveStageBounds, stageLabel } from "@/lib/domain/stages";
import { requireSpace } from "@/lib/server/session";
import { PersonaForm } from "../_components/persona-form";
import { createPersona } from "../actions";

export const metadata: Metadata = { title: "New persona" };

type Params = { params: Promise<{ spaceId: string }> };

export default async function NewPersonaPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const db = await getDb();
  const [members, apps] = await Promise.all([listTenantMemberOptions(db, actor), listSpaceAppOptions(db, actor, spaceId)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: "New persona" },
            ]}
          />
        }
        title="New persona"
        description="A persona starts active, at the Pilot stage, with no capability enabled."
      />
      <PersonaForm
        action={createPersona}
        spaceId={spaceId}
        members={members}
        apps={apps}
        maxApps={resolveStageBounds("pilot").maxApps}
        stageLabel={stageLabel("pilot")}
        submitLabel="Create persona"
        pendingLabel="Creating…"
      />
    </div>
  );
}
