"use client";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { Environment } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";
import { NewTokenNotice } from "./new-token-notice";

type Issued = { id: string; token: string; prefix: string };
type State = ActionResult<Issued> | undefined;

export function CreateTokenForm({
  spaceId,
  apps,
  environments,
  action,
}: {
  spaceId: string;
  apps: { id: string; name: string }[];
  environments: Environment[];
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<Issued>>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => action(prev, fd), undefined);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <div className="flex flex-col gap-4">
      {state?.ok ? <NewTokenNotice token={state.data.token} /> : null}
      <form ref={formRef} action={formAction} className="grid max-w-3xl gap-4 sm:grid-cols-2" noValidate aria-label="Create runtime token">
        <input type="hidden" name="spaceId" value={spaceId} />
        {state && !state.ok ? (
          <div className="sm:col-span-2">
            <FormError message={state.error} />
          </div>
        ) : null}
        <FormField id="token-name" label="Name" error={errors.name} description="Say which runtime uses it, e.g. “prod runtime eu-1”.">
          <Input name="name" maxLength={80} autoComplete="off" />
        </FormField>
        <FormField id="token-app" label="App" error={errors.appId}>
          <NativeSelect name="appId" defaultValue="">
            <option value="" disabled>
              Pick an app
            </option>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="token-environment" label="Environment" error={errors.environment}>
          <NativeSelect name="environment" defaultValue={environments[0] ?? ""}>
            {environments.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="token-expiry" label="Expires" optional error={errors.expiresInDays}>
          <NativeSelect name="expiresInDays" defaultValue="">
            <option value="">Never</option>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
          </NativeSelect>
        </FormField>
        <div className="sm:col-span-2">
          <Button type="submit" pending={pending} pendingText="Creating…">
            Create token
          </Button>
        </div>
      </form>
    </div>
  );
}
