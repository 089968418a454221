import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils";

/** Decorative spinner; pair it with text or `aria-busy` on the owner. */
export function Spinner({ className }: { className?: string }) {
  return <LoaderCircle aria-hidden="true" className={cn("size-4 shrink-0 animate-spin", className)} />;
}
