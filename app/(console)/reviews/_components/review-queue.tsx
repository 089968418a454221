"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
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
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PendingActionRow, PendingFacets } from "@/db/queries/console";
import type { DecideResult } from "@/db/mutations/reviews";
import type { ActionResult } from "@/lib/server/authorize";
import { queueFiltersFromUrl, queueFiltersToSearch, type QueueFilterKey } from "@/lib/review-queue-filters";

type Row = Omit<PendingActionRow, "createdAt" | "expiresAt"> & { createdAt: string | Date; expiresAt: string | Date | null };
type Decide = (input: unknown) => Promise<ActionResult<DecideResult>>;
type QueueData = { items: Row[]; total: number; totalCapped: boolean; facets?: PendingFacets };

/** The choices of a filter, plus the chosen value even when no pending action has it any more. */
function withChosen(opts: readonly (readonly [string, string])[], chosen: string | undefined, label?: string): (readonly [string, string])[] {
  return chosen && !opts.some(([v]) => v === chosen) ? [...opts, [chosen, label ?? chosen] as const] : [...opts];
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
  initialFacets,
  canDecide,
  decide,
  spaceId,
}: {
  initial: Row[];
  /** Pending actions in scope that match the URL's filters (the list holds at most the first 200). */
  initialTotal?: number;
  /** More than `initialTotal` wait (the count stops at a cap). */
  initialTotalCapped?: boolean;
  /** What the filters can choose from (all pending actions in scope). */
  initialFacets?: PendingFacets;
  canDecide: boolean;
  decide: Decide;
  /** Scope the queue to one space (its space filter is then hidden). */
  spaceId?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Every filter goes to the server, which applies it in SQL: the rows are the top of the filtered
  // queue and the total counts all of it. A bad value in the URL reads as "any" (as on the page).
  const filter = queueFiltersFromUrl(params);
  const search = queueFiltersToSearch(spaceId ? { ...filter, space: spaceId } : filter);
  const [initialSearch] = useState(search);
  // The filter choices scan every pending action in scope: ask for them on every 10th poll
  // (about every 30 s) and on a filter change, not every 3 s.
  const polls = useRef(0);
  const lastFacets = useRef<PendingFacets | undefined>(initialFacets);
  const { data = { items: [], total: 0, totalCapped: false }, refetch, isPlaceholderData, isError } = useQuery({
    queryKey: ["review-queue", search],
    queryFn: async (): Promise<QueueData> => {
      const withFacets = polls.current++ % 10 === 0;
      const res = await fetch(`/api/reviews/queue?${search ? `${search}&` : ""}${withFacets ? "facets=1" : ""}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`queue ${res.status}`);
      const body = (await res.json()) as QueueData;
      if (body.facets) lastFacets.current = body.facets;
      return { ...body, facets: body.facets ?? lastFacets.current };
    },
    // The server rendered the rows for the URL it was asked for; other filters start from the previous rows.
    initialData:
      search === initialSearch
        ? { items: initial, total: initialTotal ?? initial.length, totalCapped: initialTotalCapped ?? false, facets: initialFacets }
        : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 3000,
  });
  // While a new filter's rows load, the previous filter's rows are not shown as if they matched.
  const loading = isPlaceholderData;
  const rows = loading ? [] : data.items;
  const total = Math.max(data.total, rows.length);
  const facets = data.facets ?? initialFacets;
  const filtered = Object.entries(filter).some(([k, v]) => v && !(spaceId && k === "space"));
  const chosen = (key: QueueFilterKey): string => filter[key] ?? "";
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    polls.current = 0;
    // The queue refetches from the API for the new filters; no server render of the page needed.
    window.history.replaceState(null, "", `${pathname}${next.size ? `?${next}` : ""}`);
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
            ...(spaceId ? [] : ([["space", "Space", withChosen(facets?.spaces ?? [], filter.space, rows[0]?.spaceName)]] as const)),
            ["persona", "Persona", withChosen(facets?.personas ?? [], filter.persona, rows[0]?.personaName)],
            ["app", "App", withChosen(facets?.apps ?? [], filter.app, rows[0]?.appName)],
            ["environment", "Environment", withChosen((facets?.environments ?? []).map((e) => [e, e] as const), filter.environment)],
            ["capability", "Capability", withChosen((facets?.capabilities ?? []).map((c) => [c, c] as const), filter.capability)],
            ["risk", "Risk", [["high", "high"], ["medium", "medium"], ["low", "low"]]],
            ["age", "Age", [["1h", "older than 1 h"], ["24h", "older than 24 h"]]],
          ] as const
        ).map(([key, label, opts]) => (
          <div key={key} className="flex flex-col gap-1">
            <label htmlFor={`queue-${key}`} className="text-xs font-medium text-muted-foreground">
              {label}
            </label>
            <NativeSelect id={`queue-${key}`} value={chosen(key)} onChange={(e) => setFilter(key, e.currentTarget.value)}>
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
          {loading
            ? isError
              ? "The queue could not be loaded; retrying…"
              : "Loading the matching actions…"
            : total > rows.length || data.totalCapped
            ? `The first ${rows.length} of ${total.toLocaleString("en-US")}${data.totalCapped ? "+" : ""} ${filtered ? "matching" : "pending"}, highest risk first`
            : `${rows.length} ${filtered ? "matching" : "pending"}`}{" "}
          · updates live · keys: <kbd>j</kbd>/<kbd>k</kbd> move,{" "}
          <kbd>Enter</kbd> or <kbd>r</kbd> open{canDecide ? <>, <kbd>a</kbd> approve</> : null}
        </p>
        {canDecide && selectable.length > 0 ? (
          <Button size="sm" disabled={lowRiskSelected.length === 0} pending={pending} onClick={() => approve(lowRiskSelected)}>
            Approve {lowRiskSelected.length || ""} selected low-risk
          </Button>
        ) : null}
      </div>
      {loading ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading pending actions">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing to review" description={filtered ? "No pending action matches these filters." : "When a persona proposes an action its policy sends to review, it appears here within seconds."} />
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
