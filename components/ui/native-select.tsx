import * as React from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/utils";
import { controlStyles } from "./input";

export type NativeSelectProps = React.ComponentProps<"select"> & {
  /** Class for the wrapper (width, margin); `className` styles the `<select>` itself. */
  wrapperClassName?: string;
};

/** A styled native `<select>`: works without JavaScript and inside server-action forms. */
export function NativeSelect({ className, wrapperClassName, children, ...props }: NativeSelectProps) {
  return (
    <div className={cn("relative w-full min-w-0", wrapperClassName)}>
      <select
        data-slot="native-select"
        className={cn(controlStyles, "h-8 appearance-none truncate py-1 pr-8", className)}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
