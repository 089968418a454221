"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import Link from "next/link";
import { toast } from "sonner";
import { Inbox } from "lucide-react";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { RiskBadge } from "@/components/console/risk-badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PendingActionRow } from "@/db/queries/console";
import type { DecideResult } from "@/db/mutations/reviews";
import type { ActionResult } from "@/lib/server/authorize";

type Row = Omit<PendingActionRow, "createdAt" | "expiresAt"> & { createdAt: string | Date; expiresAt: string | Date | null };
type Decide = (input: unknown) => Promise<ActionResult<DecideResult>>;

const FILTERS = ["space", "persona", "environment", "risk", "capability", "age"] as const;
const AGES: Record<string, number> = { "1h": 3_600_000, "24h": 86_400_000 };

function options(rows: Row[], key: (r: Row) => [string, string] | null): [string, string][] {
  const m = new Map<string, string>();
  for (const r of rows) {
    const kv = key(r);
    if (kv) m.set(kv[0], kv[1]);
  }
  return [...m].sort((a, b) => a[1].localeCompare(b[1]));
}

/**
 * The pending actions, refreshed every 3 s without a reload. Filters live in the URL.
 * Keys: j/k move, Enter opens, a approves the selected row. Low-risk rows can be
 * approved together (each decision is its own authorized, audited action).
 */
export function ReviewQueue({
  initial,
  initialTotal,
  initialTotalCapped,
  canDecide,
  decide,
  spaceId,
}: {
  initial: Row[];
  /** Pending actions in scope (the list holds at most the first 200). */
  initialTotal?: number;
  /** More than `initialTotal` wait (the count stops at a cap). */
  initialTotalCapped?: boolean;
  canDecide: boolean;
  decide: Decide;
  /** Scope the queue to one space (its space filter is then hidden). */
  spaceId?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { data, refetch } = useQuery({
    queryKey: ["review-queue", spaceId ?? "all"],
    queryFn: async (): Promise<{ items: Row[]; total: number; totalCapped: boolean }> => {
      const res = await fetch(spaceId ? `/api/reviews/queue?space=${spaceId}` : "/api/reviews/queue", { cache: "no-store" });
      if (!res.ok) throw new Error(`queue ${res.status}`);
      return (await res.json()) as { items: Row[]; total: number; totalCapped: boolean };
    },
    initialData: { items: initial, total: initialTotal ?? initial.length, totalCapped: initialTotalCapped ?? false },
    refetchInterval: 3000,
  });
  const all = data.items;
  const total = Math.max(data.total, all.length);
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const rows = useMemo(
    () =>
      all.filter(
        (r) =>
          (!filter.space || r.spaceId === filter.space) &&
          (!filter.persona || r.personaId === filter.persona) &&
          (!filter.environment || r.environment === filter.environment) &&
          (!filter.risk || r.risk === filter.risk) &&
          (!filter.capability || r.capabilityKey === filter.capability) &&
          (!filter.age || now - new Date(r.createdAt).getTime() >= (AGES[filter.age] ?? 0)),
      ),
    [all, filter.space, filter.persona, filter.environment, filter.risk, filter.capability, filter.age, now],
  );
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, start] = useTransition();

  const approve = (targets: Row[]) =>
    start(async () => {
      let okCount = 0;
      for (const r of targets) {
        const res = await decide({ spaceId: r.spaceId, actionId: r.id, decision: "approve" });
        if (res.ok && res.data.status !== "expired") okCount++;
        else toast.error(`${r.actionKey}: ${res.ok ? "expired before it was decided" : res.error}`);
      }
      if (okCount) toast.success(`${okCount} ${okCount === 1 ? "approval" : "approvals"} recorded.`);
      setSelected(new Set());
      await refetch();
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(t.tagName))) return;
      const current = rows[Math.min(cursor, rows.length - 1)];
      if (e.key === "j") setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === "k") setCursor((c) => Math.max(c - 1, 0));
      else if ((e.key === "Enter" || e.key === "r") && current) router.push(`/reviews/${current.id}`);
      else if (e.key === "a" && current && canDecide && !pending) approve([current]);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const lowRiskSelected = rows.filter((r) => selected.has(r.id));
  const selectable = rows.filter((r) => r.risk === "low");

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        {(
          [
            ...(spaceId ? [] : ([["space", "Space", options(all, (r) => [r.spaceId, r.spaceName])]] as const)),
            ["persona", "Persona", options(all, (r) => [r.personaId, r.personaName])],
            ["environment", "Environment", options(all, (r) => [r.environment, r.environment])],
            ["capability", "Capability", options(all, (r) => (r.capabilityKey ? [r.capabilityKey, r.capabilityKey] : null))],
            ["risk", "Risk", [["high", "high"], ["medium", "medium"], ["low", "low"]]],
            ["age", "Age", [["1h", "older than 1 h"], ["24h", "older than 24 h"]]],
          ] as const
        ).map(([key, label, opts]) => (
          <div key={key} className="flex flex-col gap-1">
            <label htmlFor={`queue-${key}`} className="text-xs font-medium text-muted-foreground">
              {label}
            </label>
            <NativeSelect id={`queue-${key}`} value={filter[key]} onChange={(e) => setFilter(key, e.currentTarget.value)}>
              <option value="">Any</option>
              {opts.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </NativeSelect>
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {total > all.length || data.totalCapped
            ? `${rows.length !== all.length ? `${rows.length} matching in the first` : "The first"} ${all.length} of ${total.toLocaleString("en-US")}${data.totalCapped ? "+" : ""} pending, highest risk first`
            : `${rows.length} pending${rows.length !== all.length ? ` of ${all.length}` : ""}`}{" "}
          · updates live · keys: <kbd>j</kbd>/<kbd>k</kbd> move,{" "}
          <kbd>Enter</kbd> or <kbd>r</kbd> open{canDecide ? <>, <kbd>a</kbd> approve</> : null}
        </p>
        {canDecide && selectable.length > 0 ? (
          <Button size="sm" disabled={lowRiskSelected.length === 0} pending={pending} onClick={() => approve(lowRiskSelected)}>
            Approve {lowRiskSelected.length || ""} selected low-risk
          </Button>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing to review" description={all.length ? "No pending action matches these filters." : "When a persona proposes an action its policy sends to review, it appears here within seconds."} />
      ) : (
        <Table label="Pending actions" containerClassName="max-h-[75vh]">
          <TableHeader>
            <TableRow>
              {canDecide ? (
                <TableHead>
                  <span className="sr-only">Select</span>
                </TableHead>
              ) : null}
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
              <TableRow key={a.id} data-selected={i === cursor || undefined} aria-current={i === cursor || undefined} className="data-[selected]:bg-accent-subtle">
                {canDecide ? (
                  <TableCell>
                    {a.risk === "low" ? (
                      <Checkbox
                        aria-label={`Select ${a.actionKey} by ${a.personaName}`}
                        checked={selected.has(a.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.currentTarget.checked) next.add(a.id);
                          else next.delete(a.id);
                          setSelected(next);
                        }}
                      />
                    ) : null}
                  </TableCell>
                ) : null}
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
      )}
    </div>
  );
}
