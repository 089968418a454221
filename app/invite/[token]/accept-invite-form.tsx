"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AcceptInviteState } from "@/lib/auth/invite-actions";

export function AcceptInviteForm({
  token,
  email,
  defaultName,
  action,
}: {
  token: string;
  email: string;
  defaultName: string;
  action: (prev: AcceptInviteState, fd: FormData) => Promise<AcceptInviteState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state?.error ? <FormError message={state.error} /> : null}
      <input type="hidden" name="token" value={token} />
      <FormField id="invite-email" label="Email">
        <Input value={email} readOnly autoComplete="username" />
      </FormField>
      <FormField id="invite-name" label="Your name" error={state?.fieldErrors?.name}>
        <Input name="name" defaultValue={state?.name ?? defaultName} autoComplete="name" />
      </FormField>
      <FormField id="invite-password" label="Choose a password" description="At least 10 characters." error={state?.fieldErrors?.password}>
        <Input name="password" type="password" autoComplete="new-password" />
      </FormField>
      <Button type="submit" size="lg" className="w-full" pending={pending} pendingText="Joining…">
        Join and sign in
      </Button>
    </form>
  );
}
