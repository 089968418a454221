import * as React from "react";
import { cn } from "@/lib/utils";

export type TruncateProps = {
  /** The full text; shown whole in the native tooltip when it is cut. */
  text: string;
  /** Max width, e.g. "max-w-48" (default: the parent's width; the parent needs `min-w-0`). */
  className?: string;
  as?: "span" | "div" | "p";
};

/** One line, cut with an ellipsis; the full text stays available as a tooltip and to screen readers. */
export function Truncate({ text, className, as: Comp = "span" }: TruncateProps) {
  return (
    <Comp title={text} className={cn("block max-w-full min-w-0 truncate", className)}>
      {text}
    </Comp>
  );
}
