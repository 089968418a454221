import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonaStatusBadge } from "@/components/console/persona-status-badge";
import { StageBadge } from "@/components/console/stage-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { TabNav } from "@/components/ui/tab-nav";
import { getDb } from "@/db";
import { listSpaceConnectionKeys } from "@/db/queries/connections";
import { getPersonaDetail } from "@/db/queries/personas";
import { listCapabilities } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import {
  checkGrantWithinBounds,
  stageCeiling,
  stageLabel,
  suggestedGrantPolicies,
  type SpaceBoundsOverride,
} from "@/lib/domain/stages";
import { requireSpace } from "@/lib/server/session";
import { CapabilityCard, type CapabilityCardData } from "./_components/capability-card";

export const metadata: Metadata = { title: "Capabilities" };

type Params = { params: Promise<{ spaceId: string; personaId: string }> };

export default async function PersonaCapabilitiesPage({ params }: Params) {
  const { spaceId, personaId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  const db = await getDb();
  const persona = await getPersonaDetail(db, actor, spaceId, personaId);
  if (!persona) notFound();
  const connectionKeys = await listSpaceConnectionKeys(db, actor, spaceId);
  const canManage = can(space.role, "spaces:manage");
  const override = persona.spaceBoundsOverride as SpaceBoundsOverride | null;
  const envs = persona.spaceEnvironments;

  const cards: CapabilityCardData[] = listCapabilities().map((c) => {
    const grantOf = (env: string) => persona.grants.find((g) => g.capabilityKey === c.key && g.environment === env);
    return {
      key: c.key,
      name: c.name,
      kind: c.kind,
      description: c.description,
      envs: envs.map((env) => {
        const check = checkGrantWithinBounds({ capabilityKey: c.key, environment: env, enabled: true, policies: {}, stage: persona.stage, override });
        const needsConnection = c.kind === "connected" && !connectionKeys.has(`${c.key}:${env}`);
        return {
          env,
          enabled: grantOf(env)?.enabled ?? false,
          blockedBy: !check.ok ? `${check.message}.` : needsConnection ? `Needs a ${c.name} connection for ${env}.` : null,
        };
      }),
      actions: c.actions.map((a) => ({
        key: a.key,
        name: a.name,
        risk: a.risk,
        effect: a.effect,
        cells: envs.map((env) => {
          const stored = grantOf(env)?.policies[a.key];
          const suggested = suggestedGrantPolicies({ capabilityKey: c.key, stage: persona.stage, environment: env, override })[a.key];
          return {
            env,
            policy: stored ?? suggested ?? "deny",
            ceiling: stageCeiling({ stage: persona.stage, environment: env, capabilityKind: c.kind, risk: a.risk, effect: a.effect, override }),
          };
        }),
      })),
    };
  });

  const base = `/spaces/${spaceId}/personas/${personaId}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        className="pb-0"
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: actor.tenantName, href: "/spaces" },
              { label: persona.spaceName, href: `/spaces/${spaceId}` },
              { label: persona.name, href: base },
              { label: "Capabilities" },
            ]}
          />
        }
        title={`${persona.name}: capabilities`}
        meta={
          <>
            <PersonaStatusBadge status={persona.status} />
            <StageBadge stage={persona.stage} />
          </>
        }
        description={`What ${persona.name} may do in each environment of the space. Policies are capped by the ${stageLabel(persona.stage)} stage; the cap is shown under each choice.`}
      />
      <TabNav
        label="Persona sections"
        items={[
          { href: base, label: "Overview", exact: true },
          { href: `${base}/capabilities`, label: "Capabilities" },
          { href: `${base}/activity`, label: "Activity" },
        ]}
      />
      <div className="flex flex-col gap-4">
        {cards.map((c) => (
          <CapabilityCard key={c.key} spaceId={spaceId} personaId={personaId} data={c} canManage={canManage} />
        ))}
      </div>
    </div>
  );
}
