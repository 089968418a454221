import * as React from "react";
import { ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";

/** The marker the server puts in place of secrets and fields a viewer may not read. */
export const REDACTED = "[redacted]";

export type JsonViewerProps = {
  /** Any JSON-serialisable value (action input, memory value, audit diff). */
  value: unknown;
  /** Objects and arrays deeper than this start collapsed (default 2). */
  expandDepth?: number;
  /** Accessible name of the viewer, e.g. "Action input". Also enables "Copy <label>". */
  label?: string;
  /** Show a copy button for the whole document (default true when `label` is set). */
  copyable?: boolean;
  /** Why values are hidden; shown under the viewer when any value is redacted. */
  redactedNote?: string;
  className?: string;
};

function containsRedacted(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(containsRedacted);
  if (value && typeof value === "object") return Object.values(value).some(containsRedacted);
  return false;
}

function Primitive({ value }: { value: unknown }) {
  if (value === REDACTED) {
    return (
      <span title="Redacted" className="rounded-sm bg-muted px-1 tracking-widest text-muted-foreground">
        <span aria-hidden="true">••••</span>
        <span className="sr-only">redacted</span>
      </span>
    );
  }
  if (typeof value === "string") {
    return <span className="whitespace-pre-wrap [overflow-wrap:anywhere] text-emerald-700 dark:text-emerald-400">&quot;{value}&quot;</span>;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    return <span className="text-blue-700 dark:text-blue-400">{String(value)}</span>;
  }
  if (typeof value === "boolean") {
    return <span className="text-violet-700 dark:text-violet-400">{String(value)}</span>;
  }
  if (value === null) return <span className="text-muted-foreground">null</span>;
  if (value === undefined) return <span className="text-muted-foreground italic">undefined</span>;
  return <span className="text-muted-foreground">{String(value)}</span>;
}

function KeyLabel({ name }: { name?: string | number }) {
  if (name === undefined) return null;
  return (
    <>
      <span className={typeof name === "number" ? "text-muted-foreground" : "text-foreground"}>{name}</span>
      <span className="text-muted-foreground">: </span>
    </>
  );
}

function JsonNode({
  value,
  name,
  depth,
  expandDepth,
  last,
}: {
  value: unknown;
  name?: string | number;
  depth: number;
  expandDepth: number;
  last: boolean;
}) {
  const comma = last ? null : <span className="text-muted-foreground">,</span>;
  const isArray = Array.isArray(value);
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4">
        <KeyLabel name={name} />
        <Primitive value={value} />
        {comma}
      </div>
    );
  }

  const entries: [string | number, unknown][] = isArray
    ? (value as unknown[]).map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];

  if (entries.length === 0) {
    return (
      <div className="pl-4">
        <KeyLabel name={name} />
        <span className="text-muted-foreground">
          {open}
          {close}
        </span>
        {comma}
      </div>
    );
  }

  const count = isArray
    ? `${entries.length} ${entries.length === 1 ? "item" : "items"}`
    : `${entries.length} ${entries.length === 1 ? "key" : "keys"}`;

  return (
    <details className="json-node" open={depth < expandDepth}>
      <summary className="relative rounded-sm pl-4 hover:bg-subtle">
        <ChevronRight aria-hidden="true" className="json-chevron absolute top-0.5 left-0 size-3.5 text-muted-foreground transition-[rotate]" />
        <KeyLabel name={name} />
        <span className="text-muted-foreground">{open}</span>
        <span className="json-collapsed text-muted-foreground">
          {" … "}
          {close}
          {comma}
          <span className="ml-2 font-sans text-[11px] italic">{count}</span>
        </span>
      </summary>
      <div className="ml-[7px] border-l border-border pl-2">
        {entries.map(([key, child], index) => (
          <JsonNode
            key={key}
            name={key}
            value={child}
            depth={depth + 1}
            expandDepth={expandDepth}
            last={index === entries.length - 1}
          />
        ))}
      </div>
      <div className="pl-4 text-muted-foreground">
        {close}
        {comma}
      </div>
    </details>
  );
}

/** Readable, collapsible, syntax-coloured JSON; `"[redacted]"` values appear as `••••` with a note. */
export function JsonViewer({
  value,
  expandDepth = 2,
  label,
  copyable,
  redactedNote = "•••• marks a redacted value: secrets and fields you may not read are never sent to the browser.",
  className,
}: JsonViewerProps) {
  const hasRedacted = containsRedacted(value);
  const showCopy = copyable ?? Boolean(label);
  let text = "";
  if (showCopy) {
    try {
      text = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      text = String(value);
    }
  }

  return (
    <figure className={cn("m-0 flex min-w-0 flex-col gap-1.5", className)}>
      <div
        role="group"
        aria-label={label ?? "JSON"}
        className="relative max-h-[32rem] min-w-0 overflow-auto rounded-md border border-border bg-muted/50 py-2 pr-10 pl-1.5 font-mono text-xs leading-5"
      >
        {showCopy ? (
          <div className="absolute top-1 right-1">
            <CopyButton value={text} label={label ? label.toLowerCase() : "JSON"} />
          </div>
        ) : null}
        <JsonNode value={value} depth={0} expandDepth={expandDepth} last />
      </div>
      {hasRedacted ? <figcaption className="text-xs text-muted-foreground">{redactedNote}</figcaption> : null}
    </figure>
  );
}
