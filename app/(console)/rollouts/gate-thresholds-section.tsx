import { getDb } from "@/db";
import { loadSpaceGateThresholds } from "@/db/mutations/gate-thresholds";
import { nextStage, stageLabel } from "@/lib/domain/stages";
import { requireActor } from "@/lib/server/session";
import { setGateThresholdsAction } from "./actions";
import { GateThresholdsForm } from "./_components/gate-thresholds-form";

/** Owners only (the caller checks the role): the space's gate thresholds, one form per stage. */
export async function GateThresholdsSection({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const actor = await requireActor();
  const thresholds = await loadSpaceGateThresholds(await getDb(), actor.tenantId, spaceId);
  if (!thresholds) return null;
  return (
    <section aria-labelledby="thresholds-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="thresholds-heading" className="text-base font-semibold">
          Gate thresholds
        </h2>
        <p className="text-sm text-muted-foreground">Owners only. These apply to every persona in {spaceName}; each persona&apos;s gate is computed with them.</p>
      </div>
      <GateThresholdsForm
        spaceId={spaceId}
        action={setGateThresholdsAction}
        stages={thresholds.map((t) => ({ ...t, label: `${stageLabel(t.stage)} → ${stageLabel(nextStage(t.stage)!)}` }))}
      />
    </section>
  );
}
