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
import { getAutonomySettings } from "@/db/queries/autonomy";
import { AutonomySettingsForm } from "../personas/_autonomy/autonomy-settings-form";
import { updateAutonomySettingsAction } from "../personas/_autonomy/actions";

export const metadata: Metadata = { title: "Space settings" };

type Params = { params: Promise<{ spaceId: string }> };

export default async function SpaceSettingsPage({ params }: Params) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  if (!can(space.role, "spaces:manage")) notFound();
  const db = await getDb();
  const settings = await getSpaceSettings(db, actor, spaceId);
  if (!settings || settings.archivedAt) notFound();
  const [members, teams, autonomy] = await Promise.all([
    listTenantMemberOptions(db, actor),
    listTenantTeamOptions(db, actor),
    getAutonomySettings(db, actor, spaceId),
  ]);
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
      {autonomy ? (
        <section id="autonomy" aria-labelledby="autonomy-heading" className="flex scroll-mt-20 flex-col gap-3 border-t border-border pt-6">
          <div className="flex flex-col gap-1">
            <h2 id="autonomy-heading" className="text-base font-semibold">
              Earned autonomy
            </h2>
            <p className="max-w-xl text-sm text-muted-foreground">
              When a persona&apos;s record earns it, its page suggests moving an action from review to allow, or back. An
              operator applies each suggestion; the stage bounds still hold.
            </p>
          </div>
          <AutonomySettingsForm spaceId={spaceId} initial={autonomy} save={updateAutonomySettingsAction} />
        </section>
      ) : null}
    </div>
  );
}
