"use client";
import { startTransition, type FormEvent } from "react";

/**
 * `onSubmit` for a form driven by `useActionState`: runs the action without
 * React's automatic form reset, so nothing typed is lost when the server answers
 * with an error. Use instead of `<form action={formAction}>`.
 */
export function keepValuesOnSubmit(formAction: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(fd));
  };
}
