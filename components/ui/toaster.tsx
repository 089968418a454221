"use client";

import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Mount once in the root layout. Follows the system colour scheme. */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      theme="system"
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: "bg-surface! text-foreground! border-border! shadow-lg! text-sm! font-sans!",
          description: "text-muted-foreground!",
        },
      }}
      {...props}
    />
  );
}
