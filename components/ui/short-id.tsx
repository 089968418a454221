import * as React from "react";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";

export type ShortIdProps = {
  /** The full id; only its start is shown, the whole is copied and in the tooltip. */
  id: string;
  /** What it is, for "Copy <label>", e.g. "action id". */
  label: string;
  /** Characters shown (default 8). */
  length?: number;
  className?: string;
};

/** A shortened id in monospace with a copy button (ids are never shown where a name exists). */
export function ShortId({ id, label, length = 8, className }: ShortIdProps) {
  const short = id.length > length + 1 ? `${id.slice(0, length)}…` : id;
  return (
    <span className={cn("inline-flex items-center gap-0.5 align-middle", className)}>
      <code title={id} className="font-mono text-xs text-muted-foreground">
        {short}
      </code>
      <CopyButton value={id} label={label} className="size-6" />
    </span>
  );
}
