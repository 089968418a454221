"use client";

import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityDay, PersonaActivity } from "@/db/queries/activity";
import { OUTCOME_SERIES, formatDay } from "./activity-series";

const axis = { fontSize: 12, fill: "var(--muted-foreground)" };
const tooltipStyle = { fontSize: 12, borderRadius: 6, border: "1px solid var(--border)", background: "var(--surface)", color: "var(--foreground)" };

export function DecisionsPerDayChart({ data, title }: { data: ActivityDay[]; title: string }) {
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} role="img" title={title} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="day" tickFormatter={formatDay} tick={axis} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {OUTCOME_SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="decisions" fill={s.color} isAnimationActive={false} maxBarSize={28} />
          ))}
          <Line dataKey="failed" name="Failed outcomes" stroke="#7f1d1d" strokeWidth={2} strokeDasharray="4 3" dot={false} isAnimationActive={false} type="linear" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TopActionsChart({ data, title }: { data: PersonaActivity["topActions"]; title: string }) {
  const rows = data.map((r) => ({ ...r, other: r.total - r.approved - r.rejected - r.denied }));
  return (
    <div className="w-full" style={{ height: Math.max(120, rows.length * 36 + 48) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" role="img" title={title} accessibilityLayer={false} margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="actionKey" width={180} tick={{ ...axis, fill: "var(--foreground)" }} tickLine={false} axisLine={false} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Bar dataKey="approved" name="Approved" stackId="a" fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="rejected" name="Rejected" stackId="a" fill="#dc2626" isAnimationActive={false} />
          <Bar dataKey="denied" name="Denied" stackId="a" fill="#ea580c" isAnimationActive={false} />
          <Bar dataKey="other" name="Expired or cancelled" stackId="a" fill="#a3a3a3" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
