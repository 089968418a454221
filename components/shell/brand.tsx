import Link from "next/link";
import { cn } from "@/lib/utils";

/** Product mark + name, linking home. */
export function Brand({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("flex min-w-0 items-center gap-2 rounded-md text-sm font-semibold text-foreground", className)}>
      <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-accent-foreground">
        P
      </span>
      <span className="truncate">Persona Console</span>
    </Link>
  );
}
