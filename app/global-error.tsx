"use client";

import { useEffect } from "react";
import "./globals.css";

function digestOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" ? digest : undefined;
  }
  return undefined;
}

/** Replaces the root layout when it fails; shows no error text, only a reference to the server log. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const ref = digestOf(error);

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Persona Console</title>
        <main className="flex min-h-dvh items-center justify-center px-4 py-16">
          <div role="alert" className="flex max-w-md flex-col items-center gap-3 text-center">
            <h1 className="text-xl font-semibold tracking-tight">Something went wrong</h1>
            <p className="text-sm text-muted-foreground">
              The console could not load. Try again; if it keeps happening, contact your administrator
              {ref ? " and quote the reference below" : ""}.
            </p>
            {ref ? <p className="font-mono text-xs text-muted-foreground">ref {ref}</p> : null}
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                onClick={() => retry()}
                className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-foreground hover:bg-accent-hover"
              >
                Try again
              </button>
              {/* A full page load on purpose: the app's own router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a
                href="/"
                className="inline-flex h-8 items-center rounded-md border border-input px-3 text-sm font-medium hover:bg-subtle"
              >
                Go home
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
