"use client";

import * as React from "react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** What the sign-in action returns: an error and the email to keep; never the password. */
export type SignInState = { error?: string; email?: string } | undefined;

export type SignInFormProps = {
  /** Server action: `(prev, formData) => Promise<SignInState>`; redirects on success. */
  action: (prev: SignInState, formData: FormData) => Promise<SignInState>;
  initialState?: SignInState;
  /** Sent as the hidden field `redirectTo` (e.g. the page that asked for sign-in). */
  redirectTo?: string;
};

/**
 * Email + password sign-in with `useActionState`. On error the email is kept, the password is
 * cleared, the message is announced (role="alert") and the first field to fix is focused.
 */
export function SignInForm({ action, initialState, redirectTo }: SignInFormProps) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const emailRef = React.useRef<HTMLInputElement>(null);
  const passwordRef = React.useRef<HTMLInputElement>(null);
  const errorId = React.useId();
  const error = state?.error;

  React.useEffect(() => {
    if (!error) return;
    const email = emailRef.current;
    // The email is kept; if it is missing or malformed fix that first, else retype the password.
    if (email && (!email.value || !email.checkValidity())) email.focus();
    else passwordRef.current?.focus();
  }, [state, error]);

  const describedBy = error ? errorId : undefined;

  return (
    <form action={formAction} className="flex flex-col gap-4" aria-busy={pending || undefined}>
      <FormError id={errorId} message={error} />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="sign-in-email">Email</Label>
        <Input
          ref={emailRef}
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          // React resets the form after the action; the reset restores this (the submitted email).
          defaultValue={state?.email ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="h-9"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          ref={passwordRef}
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="h-9"
        />
      </div>
      <Button type="submit" size="lg" className="w-full" pending={pending} pendingText="Signing in…">
        Sign in
      </Button>
    </form>
  );
}
