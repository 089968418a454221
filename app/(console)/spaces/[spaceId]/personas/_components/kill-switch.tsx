"use client";
import { CirclePause, CirclePlay } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { pauseAllPersonasAction, pausePersonaAction, resumePersonaAction } from "../actions";

type Size = "sm" | "default";

/** Kill switch: one click opens the dialog, the reason is required, one click pauses. */
export function PausePersonaButton({
  spaceId,
  personaId,
  personaName,
  size = "default",
}: {
  spaceId: string;
  personaId: string;
  personaName: string;
  size?: Size;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="destructive" size={size} aria-label={`Pause ${personaName}`}>
          <CirclePause aria-hidden="true" /> Pause
        </Button>
      }
      title={`Pause ${personaName}?`}
      consequence={`${personaName} stops acting at once: every request is denied, its pending and approved-but-unfinished actions are cancelled, and an incident stays open until someone resumes it.`}
      reason={{ label: "Reason for pausing", placeholder: "What did you see?", maxLength: 1000 }}
      confirmLabel="Pause persona"
      pendingLabel="Pausing…"
      onConfirm={async ({ reason }) => {
        const r = await pausePersonaAction({ spaceId, personaId, reason });
        if (r.ok) toast.success(`${personaName} is paused${r.data.cancelledActions ? ` (${r.data.cancelledActions} action${r.data.cancelledActions === 1 ? "" : "s"} cancelled)` : ""}.`);
        return r.ok ? r : { ok: false, error: r.fieldErrors?.reason?.[0] ?? r.error };
      }}
    />
  );
}

/** Resume a paused persona; a resolution note closes its incident. */
export function ResumePersonaButton({
  spaceId,
  personaId,
  personaName,
  size = "default",
}: {
  spaceId: string;
  personaId: string;
  personaName: string;
  size?: Size;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size={size} aria-label={`Resume ${personaName}`}>
          <CirclePlay aria-hidden="true" /> Resume
        </Button>
      }
      title={`Resume ${personaName}?`}
      consequence={`${personaName} may act again within its capabilities, and its open incident is closed with your note.`}
      reason={{ label: "Resolution note", placeholder: "What was wrong, and what changed?", maxLength: 1000 }}
      confirmLabel="Resume persona"
      pendingLabel="Resuming…"
      destructive={false}
      onConfirm={async ({ reason }) => {
        const r = await resumePersonaAction({ spaceId, personaId, resolution: reason });
        if (r.ok) toast.success(`${personaName} is active again.`);
        return r.ok ? r : { ok: false, error: r.fieldErrors?.resolution?.[0] ?? r.error };
      }}
    />
  );
}

/** Pause every active persona of a space at once. */
export function PauseAllPersonasButton({ spaceId, spaceName, activeCount }: { spaceId: string; spaceName: string; activeCount: number }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="destructive">
          <CirclePause aria-hidden="true" /> Pause all personas
        </Button>
      }
      title={`Pause all personas of ${spaceName}?`}
      consequence={`${activeCount} active persona${activeCount === 1 ? "" : "s"} stop acting at once; their pending and approved-but-unfinished actions are cancelled and each gets an open incident.`}
      reason={{ label: "Reason for pausing", placeholder: "What did you see?", maxLength: 1000 }}
      confirmLabel="Pause all personas"
      pendingLabel="Pausing…"
      onConfirm={async ({ reason }) => {
        const r = await pauseAllPersonasAction({ spaceId, reason });
        if (r.ok) toast.success(`${r.data.paused} persona${r.data.paused === 1 ? "" : "s"} paused.`);
        return r.ok ? r : { ok: false, error: r.fieldErrors?.reason?.[0] ?? r.error };
      }}
    />
  );
}
