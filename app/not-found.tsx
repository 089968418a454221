import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center px-4 py-16">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <p className="font-mono text-xs font-medium text-muted-foreground">404</p>
        <h1 className="text-xl font-semibold tracking-tight">We couldn&apos;t find that page</h1>
        <p className="text-sm text-muted-foreground">
          It may have moved, or you may not have access to it. Check the address, or start again from the home page.
        </p>
        <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2" })}>
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
