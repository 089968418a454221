import * as React from "react";
import { cn } from "@/lib/utils";

export type TableProps = React.ComponentProps<"table"> & {
  /**
   * Classes for the scrolling container. The header sticks to the top of this container, so
   * give long tables a height, e.g. `max-h-[70vh]`.
   */
  containerClassName?: string;
  /** Accessible name of the scroll region (announced when it is focused with the keyboard). */
  label?: string;
};

/** Dense data table: tight rows, sticky header, tabular numbers, horizontal scroll on small screens. */
export function Table({ className, containerClassName, label, ...props }: TableProps) {
  return (
    <div
      data-slot="table-container"
      role={label ? "region" : undefined}
      aria-label={label}
      tabIndex={label ? 0 : undefined}
      className={cn("relative w-full overflow-auto rounded-lg border border-border bg-surface", containerClassName)}
    >
      <table className={cn("w-full caption-bottom border-separate border-spacing-0 text-sm tnum", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead className={cn("[&_th]:sticky [&_th]:top-0 [&_th]:z-10", className)} {...props} />;
}

export function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child>td]:border-b-0", className)} {...props} />;
}

export function TableFooter({ className, ...props }: React.ComponentProps<"tfoot">) {
  return <tfoot className={cn("bg-muted font-medium", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      className={cn("transition-colors hover:bg-muted/60 data-[state=selected]:bg-accent-subtle", className)}
      {...props}
    />
  );
}

export function TableHead({ className, scope = "col", ...props }: React.ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-8 border-b border-border bg-muted px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return (
    <td
      className={cn("h-9 border-b border-border px-3 py-1.5 align-middle whitespace-nowrap", className)}
      {...props}
    />
  );
}

export function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return <caption className={cn("py-2 text-xs text-muted-foreground", className)} {...props} />;
}
