"use client";
import { CopyButton } from "@/components/ui/copy-button";

/** The token in clear, shown exactly once after it is issued. */
export function NewTokenNotice({ token, title = "Your new runtime token" }: { token: string; title?: string }) {
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-green-600/40 bg-green-50 p-3 text-sm dark:bg-green-950/30">
      <p className="font-medium">{title}</p>
      <p className="text-muted-foreground">Copy it now: it is shown only once. Only a hash is kept.</p>
      <div className="flex items-center gap-2">
        <code data-testid="new-token" className="min-w-0 flex-1 break-all rounded bg-background px-2 py-1 font-mono text-xs">
          {token}
        </code>
        <CopyButton value={token} label="token" showText withToast />
      </div>
    </div>
  );
}
