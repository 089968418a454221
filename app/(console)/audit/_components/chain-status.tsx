import { ShieldAlert, ShieldCheck, ShieldQuestion } from "lucide-react";
import { RelativeTime } from "@/components/ui/relative-time";
import type { LastChainVerification } from "@/db/queries/audit";

/** The chain's last verification, as recorded in the log itself. */
export function ChainStatus({ check }: { check: LastChainVerification | null }) {
  if (!check) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <ShieldQuestion aria-hidden="true" className="size-4" /> The audit chain has not been verified yet.
      </p>
    );
  }
  return (
    <p className={`flex items-center gap-2 text-sm ${check.ok ? "text-muted-foreground" : "text-destructive-text"}`}>
      {check.ok ? <ShieldCheck aria-hidden="true" className="size-4 text-green-700 dark:text-green-400" /> : <ShieldAlert aria-hidden="true" className="size-4" />}
      <span>
        Last verified <RelativeTime date={check.at} />
        {check.byRole ? ` by ${/^[aeiou]/.test(check.byRole) ? "an" : "a"} ${check.byRole}` : ""}:{" "}
        {check.ok ? `chain intact, ${check.checked.toLocaleString("en")} events.` : `chain broken at event #${check.brokenAtSeq}. ${check.message ?? ""}`}
      </span>
    </p>
  );
}
