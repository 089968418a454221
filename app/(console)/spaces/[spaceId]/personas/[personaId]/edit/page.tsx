import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getPersonaDetail, listSpaceAppOptions, listTenantMemberOptions } from "@/db/queries/personas";
import { can } from "@/lib/domain/permissions";
import { resolveStageBounds, stageLabel, type SpaceBoundsOverride } from "@/lib/domain/stages";
import { requireSpace } from "@/lib/server/session";
import { PersonaForm } from "../../_components/persona-form";
import { editPersona } from "../../actions";

export const metadata: Metadata = { title: "Edit persona" };

type Params = { params: Promise<{ spaceId: string; personaId: string }> };

export default async function EditPersonaPage({ params }: Params) {
  const { spaceId, personaId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const db = await getDb();
  const persona = await getPersonaDetail(db, actor, spaceId, personaId);
  if (!persona) notFound();
  const [members, apps] = await Promise.all([listTenantMemberOptions(db, actor), listSpaceAppOptions(db, actor, spaceId)]);
  const bounds = resolveStageBounds(persona.stage, persona.spaceBoundsOverride as SpaceBoundsOverride | null);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: space.spaceName, href: `/spaces/${spaceId}` },
              { label: persona.name, href: `/spaces/${spaceId}/personas/${personaId}` },
              { label: "Edit" },
            ]}
          />
        }
        title={`Edit ${persona.name}`}
        description="Name, purpose, owner and the apps that expose this persona."
      />
      <PersonaForm
        action={editPersona}
        spaceId={spaceId}
        personaId={personaId}
        initial={{
          name: persona.name,
          purpose: persona.purpose,
          ownerMembershipId: persona.owner?.membershipId ?? null,
          appIds: persona.apps.map((a) => a.id),
        }}
        members={members}
        apps={apps}
        maxApps={bounds.maxApps}
        stageLabel={stageLabel(persona.stage)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
      />
    </div>
  );
}
