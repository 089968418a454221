"use client";
import { useState, useTransition } from "react";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/authorize";
import type { ChainVerification } from "@/db/audit";

export function VerifyChainButton({ action }: { action: (input: Record<string, never>) => Promise<ActionResult<ChainVerification>> }) {
  const [result, setResult] = useState<ActionResult<ChainVerification> | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="outline" pending={pending} pendingText="Verifying…" onClick={() => start(async () => setResult(await action({})))}>
        <ShieldCheck aria-hidden="true" /> Verify now
      </Button>
      <div role="status" aria-live="polite" className="text-right text-sm">
        {result === null ? null : !result.ok ? (
          <span className="text-destructive-text">{result.error}</span>
        ) : result.data.ok ? (
          <span className="inline-flex items-center gap-1 text-green-700 dark:text-green-400">
            <ShieldCheck aria-hidden="true" className="size-4" /> Chain intact: {result.data.checked} events verified.
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-destructive-text">
            <ShieldAlert aria-hidden="true" className="size-4" /> Chain broken at event #{result.data.firstBroken?.seq}
            {result.data.firstBroken?.event ? ` (${result.data.firstBroken.event.verb} · ${result.data.firstBroken.event.target} · ${result.data.firstBroken.event.at.replace("T", " ").slice(0, 19)} UTC)` : ""}: {result.data.firstBroken?.message}
          </span>
        )}
      </div>
    </div>
  );
}
