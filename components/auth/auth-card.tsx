import * as React from "react";
import { cn } from "@/lib/utils";

export type AuthCardProps = {
  /** Heading of the card, e.g. "Sign in". */
  title: string;
  /** Optional line under the heading. */
  description?: React.ReactNode;
  /** Under the card: help text or links. */
  footer?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
};

/** Centered sign-in layout: product name, tagline, and a card holding the form. */
export function AuthCard({ title, description, footer, children, className }: AuthCardProps) {
  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-10">
      <div className={cn("flex w-full max-w-sm flex-col gap-6", className)}>
        <div className="flex flex-col items-center gap-2 text-center">
          <span
            aria-hidden="true"
            className="flex size-9 items-center justify-center rounded-lg bg-accent text-sm font-bold text-accent-foreground"
          >
            P
          </span>
          <p className="text-base font-semibold text-foreground">Persona Console</p>
          <p className="text-sm text-muted-foreground">Provision, bound, watch and advance the AI personas in your products.</p>
        </div>
        <section aria-labelledby="auth-card-title" className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <div className="mb-5 flex flex-col gap-1">
            <h1 id="auth-card-title" className="text-lg leading-7 font-semibold">
              {title}
            </h1>
            {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
          </div>
          {children}
        </section>
        {footer ? <div className="text-center text-xs text-muted-foreground">{footer}</div> : null}
      </div>
    </main>
  );
}
