import { JsonViewer } from "@/components/ui/json-viewer";
import { diffChanges, formatDiffValue } from "@/lib/audit-diff";

/** An audit event's before/after as readable field changes, with the raw JSON one click away. */
export function AuditChange({ seq, before, after }: { seq: number; before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-muted-foreground">—</span>;
  const changes = diffChanges(before, after);
  const shown = changes.slice(0, 6);
  return (
    <div className="flex flex-col gap-1">
      {changes.length === 0 ? <span className="text-xs text-muted-foreground">No field changed</span> : null}
      <ul className="flex flex-col gap-0.5 text-xs" aria-label={`Changes in event ${seq}`}>
        {shown.map((c) => (
          <li key={c.path} className="break-words">
            <span className="font-mono text-muted-foreground">{c.path}</span>{" "}
            {c.kind === "changed" ? (
              <>
                <del className="text-destructive-text decoration-1">{formatDiffValue(c.before)}</del>
                <span aria-label="changed to"> → </span>
                <ins className="text-green-700 no-underline dark:text-green-400">{formatDiffValue(c.after)}</ins>
              </>
            ) : c.kind === "added" ? (
              <ins className="text-green-700 no-underline dark:text-green-400">{formatDiffValue(c.after)}</ins>
            ) : (
              <del className="text-destructive-text decoration-1">{formatDiffValue(c.before)}</del>
            )}
          </li>
        ))}
        {changes.length > shown.length ? <li className="text-muted-foreground">and {changes.length - shown.length} more</li> : null}
      </ul>
      <JsonViewer value={{ before: before ?? undefined, after: after ?? undefined }} expandDepth={0} label={`Change of event ${seq}`} />
    </div>
  );
}
