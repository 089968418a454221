import * as React from "react";
import { cn } from "@/lib/utils";

/** A loading placeholder block. Give the loading region `aria-busy` and a text label. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      aria-hidden="true"
      data-slot="skeleton"
      className={cn("animate-pulse rounded-md bg-subtle", className)}
      {...props}
    />
  );
}
