"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ENVIRONMENTS } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";

type State = (ActionResult<{ id: string }> & { values?: Record<string, unknown> }) | undefined;

export function CreateSpaceForm({
  action,
}: {
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<State, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return { ...result, values: { name: fd.get("name"), description: fd.get("description"), environments: fd.getAll("environments") } };
  }, undefined);

  useEffect(() => {
    if (state?.ok) router.push(`/spaces/${state.data.id}`);
    else if (state && !state.ok) {
      const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
      first?.focus();
    }
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const values = state?.values ?? {};
  const envs = (values.environments as string[] | undefined) ?? ["sandbox"];

  return (
    <form ref={formRef} action={formAction} className="flex max-w-xl flex-col gap-5" noValidate>
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <FormField id="space-name" label="Name" error={errors.name}>
        <Input name="name" defaultValue={(values.name as string) ?? ""} maxLength={80} autoComplete="off" />
      </FormField>
      <FormField id="space-description" label="Description" optional error={errors.description} description="What this deployment is for, in one or two sentences.">
        <Textarea name="description" defaultValue={(values.description as string) ?? ""} rows={3} maxLength={500} />
      </FormField>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.environments ? "space-envs-error" : undefined}>
        <legend className="text-sm font-medium">Environments this space may touch</legend>
        <div className="flex flex-wrap gap-4">
          {ENVIRONMENTS.map((env) => (
            <label key={env} className="flex items-center gap-2 text-sm">
              <Checkbox name="environments" value={env} defaultChecked={envs.includes(env)} aria-invalid={errors.environments ? true : undefined} />
              {env}
            </label>
          ))}
        </div>
        {errors.environments ? (
          <p id="space-envs-error" className="text-sm text-destructive">
            {errors.environments.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} pendingText="Creating…">
          Create space
        </Button>
      </div>
    </form>
  );
}
