import * as React from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

export type FormFieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FormFieldProps = {
  /** The control's id; the label, description and error ids derive from it. */
  id: string;
  label: React.ReactNode;
  /** Help text under the label, linked to the control with `aria-describedby`. */
  description?: React.ReactNode;
  /** Error under the field (a zod `fieldErrors` entry works as is). Sets `aria-invalid`. */
  error?: string | readonly string[] | null;
  /** Appends a muted "(optional)" to the label. */
  optional?: boolean;
  className?: string;
  /**
   * One control element (it receives id, aria-describedby and aria-invalid), or a render
   * function for composite controls that spreads those props where they belong.
   */
  children: React.ReactElement<FormFieldControlProps> | ((control: FormFieldControlProps) => React.ReactNode);
};

/** Label above the control, description under the label, error under the control. */
export function FormField({ id, label, description, error, optional, className, children }: FormFieldProps) {
  const messages = error == null ? [] : typeof error === "string" ? [error] : [...error];
  const hasError = messages.length > 0;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = hasError ? `${id}-error` : undefined;

  const describedBy = (existing?: string) =>
    [existing, descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  let control: React.ReactNode;
  if (typeof children === "function") {
    control = children({ id, "aria-describedby": describedBy(), "aria-invalid": hasError ? true : undefined });
  } else {
    control = React.cloneElement(children, {
      id,
      "aria-describedby": describedBy(children.props["aria-describedby"]),
      "aria-invalid": hasError ? true : children.props["aria-invalid"],
    });
  }

  return (
    <div data-slot="form-field" data-invalid={hasError || undefined} className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <Label htmlFor={id}>
        {label}
        {optional ? <span className="ml-1 font-normal text-muted-foreground">(optional)</span> : null}
      </Label>
      {description ? (
        <p id={descriptionId} className="-mt-1 text-xs leading-4 text-muted-foreground">
          {description}
        </p>
      ) : null}
      {control}
      {hasError ? (
        <p id={errorId} className="text-xs leading-4 font-medium text-destructive-text">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
