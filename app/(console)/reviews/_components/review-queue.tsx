"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { RiskBadge } from "@/components/console/risk-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PendingActionRow } from "@/db/queries/console";

type Row = Omit<PendingActionRow, "createdAt" | "expiresAt"> & { createdAt: string | Date; expiresAt: string | Date | null };

/** The pending actions, refreshed every 3 s without a reload; j/k move, Enter opens. */
export function ReviewQueue({ initial }: { initial: Row[] }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["review-queue"],
    queryFn: async (): Promise<Row[]> => {
      const res = await fetch("/api/reviews/queue", { cache: "no-store" });
      if (!res.ok) throw new Error(`queue ${res.status}`);
      return ((await res.json()) as { items: Row[] }).items;
    },
    initialData: initial,
    refetchInterval: 3000,
  });
  const rows = data;
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if (e.key === "j") setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === "k") setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === "Enter" && rows[cursor]) router.push(`/reviews/${rows[cursor]!.id}`);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, cursor, router]);

  if (rows.length === 0) {
    return <EmptyState icon={Inbox} title="Nothing to review" description="When a persona proposes an action its policy sends to review, it appears here within seconds." />;
  }
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {rows.length} pending · updates live · keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens
      </p>
      <Table label="Pending actions" containerClassName="max-h-[75vh]">
        <TableHeader>
          <TableRow>
            <TableHead>Action</TableHead>
            <TableHead>Risk</TableHead>
            <TableHead>Persona</TableHead>
            <TableHead>Space · app</TableHead>
            <TableHead>Environment</TableHead>
            <TableHead>Approvals needed</TableHead>
            <TableHead>Proposed</TableHead>
            <TableHead>Expires</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((a, i) => (
            <TableRow key={a.id} data-selected={i === cursor || undefined} className="data-[selected]:bg-accent-subtle">
              <TableCell className="font-mono text-xs">
                <Link href={`/reviews/${a.id}`} className="hover:underline">
                  {a.actionKey}
                </Link>
              </TableCell>
              <TableCell>{a.risk ? <RiskBadge risk={a.risk} /> : "—"}</TableCell>
              <TableCell className="font-medium">{a.personaName}</TableCell>
              <TableCell>
                {a.spaceName} · {a.appName}
              </TableCell>
              <TableCell>
                <EnvironmentChip environment={a.environment} />
              </TableCell>
              <TableCell className="tabular-nums">{a.requiredApprovals}</TableCell>
              <TableCell>
                <RelativeTime date={a.createdAt} />
              </TableCell>
              <TableCell>{a.expiresAt ? <RelativeTime date={a.expiresAt} /> : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
