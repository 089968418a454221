import * as React from "react";
import { OctagonExclamationPoint } from "lucide-react";
import { cn } from "@/lib/utils";

export type FormErrorProps = {
  /** The message; nothing renders when empty. */
  message?: React.ReactNode;
  title?: React.ReactNode;
  id?: string;
  className?: string;
};

/** A form-level error banner, announced to screen readers (`role="alert"`). */
export function FormError({ message, title, id, className }: FormErrorProps) {
  if (message == null || message === "" || message === false) return null;
  return (
    <div
      id={id}
      role="alert"
      data-slot="form-error"
      className={cn(
        "flex items-start gap-2 rounded-md border border-red-200 bg-destructive-subtle px-3 py-2 text-sm text-destructive-text dark:border-red-900",
        className,
      )}
    >
      <OctagonExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 break-words">
        {title ? <p className="font-medium">{title}</p> : null}
        <div>{message}</div>
      </div>
    </div>
  );
}
