import Link from "next/link";
import { getDb } from "@/db";
import { loadSpaceGateThresholds } from "@/db/mutations/gate-thresholds";
import type { Stage } from "@/lib/domain/constants";
import { nextStage, stageLabel } from "@/lib/domain/stages";
import { requireActor } from "@/lib/server/session";
import { setGateThresholdsAction } from "./actions";
import { GateThresholdsForm } from "./_components/gate-thresholds-form";

/** Owners only (the caller checks the role): the space's gate thresholds, one form per stage. */
export async function GateThresholdsSection({ spaceId, spaceName, only }: { spaceId: string; spaceName: string; only?: Stage }) {
  const actor = await requireActor();
  const thresholds = await loadSpaceGateThresholds(await getDb(), actor.tenantId, spaceId);
  if (!thresholds) return null;
  const shown = only ? thresholds.filter((t) => t.stage === only) : thresholds;
  return (
    <section aria-labelledby="thresholds-heading" className={only ? "flex max-w-4xl flex-col gap-3" : "flex max-w-4xl flex-col gap-3 border-t border-border pt-6"}>
      <div>
        <h2 id="thresholds-heading" className="text-base font-semibold">
          Gate thresholds
        </h2>
        <p className="text-sm text-muted-foreground">
          Owners only. These apply to every persona in {spaceName}; each persona&apos;s gate is computed with them.
          {only ? (
            <>
              {" "}
              <Link href={`/spaces/${spaceId}/settings#thresholds-heading`} className="text-accent-text underline-offset-4 hover:underline">
                All stages in space settings
              </Link>
            </>
          ) : null}
        </p>
      </div>
      <GateThresholdsForm
        spaceId={spaceId}
        action={setGateThresholdsAction}
        stages={shown.map((t) => ({ ...t, label: `${stageLabel(t.stage)} → ${stageLabel(nextStage(t.stage)!)}` }))}
      />
    </section>
  );
}
