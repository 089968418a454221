"use client";
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

export interface EvidenceChartPoint {
  /** A short day label, e.g. "Dec 4" (formatted on the server, so it never differs on hydration). */
  day: string;
  value: number | null;
}

/**
 * A small chart of one gate criterion over the last days, with its threshold as a dashed line,
 * and the same numbers in a collapsible table (ui-guide: every chart has its table).
 */
export function GateEvidenceChart({
  title,
  unit,
  threshold,
  thresholdKind,
  points,
  emptyText,
}: {
  title: string;
  unit: string;
  threshold: number;
  /** "min": the value must reach the threshold; "days-since": days since the last event must reach it. */
  thresholdKind: "min" | "days-since";
  points: EvidenceChartPoint[];
  /** Shown instead of a chart when there is no value at all (e.g. never paused). */
  emptyText: string;
}) {
  const measured = points.filter((p) => p.value !== null);
  const first = points[0]?.day ?? "";
  const last = points.at(-1)?.day ?? "";
  const summary =
    measured.length === 0
      ? emptyText
      : `${title}, ${first} to ${last}: from ${measured[0]!.value} to ${measured.at(-1)!.value} ${unit}; threshold ${threshold} ${unit}.`;
  const max = Math.max(threshold, ...measured.map((p) => p.value as number), 1);
  return (
    <figure className="flex w-60 max-w-full shrink-0 flex-col gap-1">
      <figcaption className="sr-only">{summary}</figcaption>
      {measured.length === 0 ? (
        <p className="flex h-14 items-center justify-center rounded-md border border-dashed border-border px-2 text-center text-xs text-muted-foreground">{emptyText}</p>
      ) : (
        <div role="img" aria-label={summary} className="text-accent">
          <LineChart width={240} height={56} data={points} margin={{ top: 4, right: 4, bottom: 0, left: 4 }} accessibilityLayer={false}>
            <XAxis dataKey="day" hide />
            <YAxis hide domain={[0, Math.ceil(max * 1.1)]} />
            <Tooltip
              isAnimationActive={false}
              formatter={(v) => [`${v} ${unit}`, title]}
              contentStyle={{ fontSize: 12, padding: "2px 6px", borderRadius: 6 }}
              labelStyle={{ fontWeight: 500 }}
            />
            <ReferenceLine y={threshold} stroke="var(--color-muted-foreground)" strokeDasharray="3 3" ifOverflow="extendDomain" />
            <Line type="stepAfter" dataKey="value" stroke="currentColor" strokeWidth={1.75} dot={measured.length === 1 ? { r: 2.5, fill: "currentColor" } : false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
          Numbers<span className="sr-only"> for {title}</span>
        </summary>
        <table className="mt-1 w-full max-w-xs text-left tabular-nums">
          <caption className="sr-only">
            {title} per day ({unit}); {thresholdKind === "min" ? "needs at least" : "needs at least, since the last one"} {threshold}
          </caption>
          <thead>
            <tr className="text-muted-foreground">
              <th scope="col" className="pr-4 font-medium">Day</th>
              <th scope="col" className="font-medium">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row" className="pr-4 font-normal">{p.day}</th>
                <td>{p.value ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
