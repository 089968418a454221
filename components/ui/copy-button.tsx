"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { cn } from "@/lib/utils";
import { Button, type ButtonProps } from "./button";

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "asChild" | "value"> & {
  /** The text to copy. */
  value: string;
  /** What is copied, for the accessible name "Copy <label>" (e.g. "persona id"). */
  label: string;
  /** Also show a toast "Copied <label>" (default: inline "Copied" only). */
  withToast?: boolean;
  /** Show the word "Copy" next to the icon. */
  showText?: boolean;
};

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for non-secure contexts (plain http on a LAN address).
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

/** Copies `value`; confirms with an inline "Copied" (announced politely) and optionally a toast. */
export function CopyButton({
  value,
  label,
  withToast = false,
  showText = false,
  variant = "ghost",
  size,
  className,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = React.useState(false);
  const [failed, setFailed] = React.useState(false);
  const timer = React.useRef<number | undefined>(undefined);

  React.useEffect(() => () => window.clearTimeout(timer.current), []);

  const onClick = async () => {
    try {
      await writeClipboard(value);
      setFailed(false);
      setCopied(true);
      if (withToast) toast.success(`Copied ${label}`);
    } catch {
      setFailed(true);
      setCopied(false);
      if (withToast) toast.error(`Could not copy ${label}`);
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setCopied(false);
      setFailed(false);
    }, 1800);
  };

  return (
    <Button
      variant={variant}
      size={size ?? (showText ? "sm" : "icon-sm")}
      className={cn("text-muted-foreground hover:text-foreground", className)}
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      onClick={onClick}
      {...props}
    >
      {copied ? <Check aria-hidden="true" className="text-green-600 dark:text-green-400" /> : <Copy aria-hidden="true" />}
      {showText ? <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span> : null}
      <span role="status" className="sr-only">
        {copied ? "Copied" : failed ? "Copy failed" : ""}
      </span>
    </Button>
  );
}
