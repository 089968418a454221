import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getSpaceSettings, listTenantMemberOptions, listTenantTeamOptions } from "@/db/queries/personas";
import { can } from "@/lib/domain/permissions";
import { requireSpace } from "@/lib/server/session";
import { ArchiveSpaceButton, SpaceSettingsForm } from "../../_components/space-settings-form";
import { GateThresholdsSection } from "../../../rollouts/gate-thresholds-section";
import { updateSpace } from "../../actions";

export const metadata: Metadata = { title: "Space settings" };

type Params = { params: Promise<{ spaceId: string }> };

export default async function SpaceSettingsPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const db = await getDb();
  const settings = await getSpaceSettings(db, actor, spaceId);
  if (!settings || settings.archivedAt) notFound();
  const [members, teams] = await Promise.all([listTenantMemberOptions(db, actor), listTenantTeamOptions(db, actor)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: settings.name, href: `/spaces/${spaceId}` },
              { label: "Settings" },
            ]}
          />
        }
        title="Space settings"
        description="Name, environments, and who owns and hosts the runtime."
        actions={
          <>
            {can(space.role, "members:manage") ? <Link href={`/spaces/${spaceId}/webhook`} className={buttonVariants({ variant: "outline" })}>Webhook</Link> : null}
            <ArchiveSpaceButton spaceId={spaceId} spaceName={settings.name} />
          </>
        }
      />
      <SpaceSettingsForm
        action={updateSpace}
        members={members}
        teams={teams}
        initial={{
          spaceId,
          name: settings.name,
          description: settings.description,
          environments: settings.environments,
          runtimeOwner: settings.runtimeOwnerTeamId
            ? `team:${settings.runtimeOwnerTeamId}`
            : settings.runtimeOwnerMembershipId
              ? `member:${settings.runtimeOwnerMembershipId}`
              : "",
          runtimeHosting: settings.runtimeHosting,
        }}
      />
      {space.role === "owner" ? <GateThresholdsSection spaceId={spaceId} spaceName={settings.name} /> : null}
    </div>
  );
}
