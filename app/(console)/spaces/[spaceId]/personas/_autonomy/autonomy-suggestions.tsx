"use client";
import { ArrowRight, Lock, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describeEvidence, type AutonomySuggestion } from "@/lib/domain/autonomy";
import type { Policy } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";

type Apply = (input: unknown) => Promise<ActionResult<unknown>>;

const POLICY_VARIANT: Record<Policy, "green" | "amber" | "red"> = { allow: "green", review: "amber", deny: "red" };

function PolicyChange({ from, to }: { from: Policy; to: Policy }) {
  return (
    <span className="inline-flex items-center gap-1" aria-label={`from ${from} to ${to}`}>
      <Badge variant={POLICY_VARIANT[from]}>{from}</Badge>
      <ArrowRight aria-hidden="true" className="size-3.5 text-muted-foreground" />
      <Badge variant={POLICY_VARIANT[to]}>{to}</Badge>
    </span>
  );
}

/** The persona's earned-autonomy suggestions, each with its evidence and (for managers) Apply. */
export function AutonomySuggestions({
  spaceId,
  personaId,
  personaName,
  suggestions,
  canApply,
  apply,
}: {
  spaceId: string;
  personaId: string;
  personaName: string;
  suggestions: AutonomySuggestion[];
  canApply: boolean;
  apply: Apply;
}) {
  const router = useRouter();
  if (suggestions.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted-foreground">
        No suggestion right now. When reviewers keep approving one of {personaName}&apos;s actions, or reject one it may do
        on its own, it shows up here.
      </p>
    );
  }
  return (
    <ul className="flex flex-col divide-y divide-border rounded-lg border border-border" aria-label="Autonomy suggestions">
      {suggestions.map((s) => {
        const name = `${s.actionKey} in ${s.environment}`;
        const loosen = s.direction === "loosen";
        return (
          <li key={`${s.environment}:${s.actionKey}`} className="flex flex-wrap items-start justify-between gap-3 p-4" aria-label={name}>
            <div className="flex min-w-0 flex-col gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <Sparkles aria-hidden="true" className="size-4 text-accent-text" />
                <span className="font-mono text-sm font-medium break-all">{s.actionKey}</span>
                <EnvironmentChip environment={s.environment} />
                <PolicyChange from={s.from} to={s.to} />
              </div>
              <p className="text-sm">
                {loosen ? "Reviewers approved every time: " : "Something went wrong while it acted on its own: "}
                <span className="font-medium tabular-nums">{describeEvidence(s.evidence)}</span>.
              </p>
              {s.blocked ? (
                <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
                  <Lock aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
                  <span>Blocked by the stage: {s.blocked}.</span>
                </p>
              ) : null}
            </div>
            {canApply && !s.blocked ? (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant={loosen ? "default" : "outline"} aria-label={`Apply: ${s.to} ${name}`}>
                    Apply
                  </Button>
                }
                title={loosen ? `Let ${personaName} ${s.actionKey} without review?` : `Send ${s.actionKey} back to review?`}
                consequence={
                  loosen
                    ? `From now on the gateway allows ${s.actionKey} in ${s.environment} at once, without a reviewer. The change is audited with this evidence (${describeEvidence(s.evidence)}) and stays within the stage bounds.`
                    : `From now on every ${s.actionKey} in ${s.environment} waits for a reviewer. The change is audited with this evidence (${describeEvidence(s.evidence)}).`
                }
                confirmLabel={loosen ? "Allow without review" : "Require review"}
                destructive={false}
                pendingLabel="Applying…"
                onConfirm={async () => {
                  const r = await apply({ spaceId, personaId, environment: s.environment, actionKey: s.actionKey, to: s.to });
                  if (r.ok) {
                    toast.success(`${s.actionKey} in ${s.environment} is now ${s.to}.`);
                    router.refresh();
                  }
                  return r;
                }}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
