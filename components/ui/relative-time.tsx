"use client";

import * as React from "react";
import { cn } from "@/lib/utils";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** "just now", "3 min ago", "5 h ago", "2 d ago", "in 10 min"; a date beyond 30 days. */
export function formatRelative(date: Date, now: number): string {
  const diff = now - date.getTime();
  const abs = Math.abs(diff);
  const future = diff < 0;
  let text: string;
  if (abs < 45_000) return future ? "in a few seconds" : "just now";
  if (abs < HOUR) text = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  else if (abs < DAY) text = `${Math.round(abs / HOUR)} h`;
  else if (abs < 30 * DAY) text = `${Math.round(abs / DAY)} d`;
  else return dateFormat.format(date);
  return future ? `in ${text}` : `${text} ago`;
}

/** "2025-03-04 12:34:56 UTC" */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export type RelativeTimeProps = {
  /** A Date, an ISO string or epoch milliseconds. */
  date: Date | string | number;
  className?: string;
};

/**
 * Relative time ("3 min ago") in a `<time dateTime>`, with the exact UTC time on hover.
 * It refreshes every 30 s. Server and client render the same minute-level text; any drift
 * is accepted without a hydration warning.
 */
export function RelativeTime({ date, className }: RelativeTimeProps) {
  const value = React.useMemo(() => (date instanceof Date ? date : new Date(date)), [date]);
  const [now, setNow] = React.useState(() => Date.now());

  React.useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);

  if (Number.isNaN(value.getTime())) {
    return <span className={cn("text-muted-foreground", className)}>Unknown time</span>;
  }

  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={formatUtc(value)} className={cn("whitespace-nowrap", className)} suppressHydrationWarning>
      {formatRelative(value, now)}
    </time>
  );
}
