"use client";

import * as React from "react";
import { useFormStatus } from "react-dom";
import { Building2, ChevronsUpDown } from "lucide-react";
import { cn } from "@/lib/utils";
import { Spinner } from "@/components/ui/spinner";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { TenantRole } from "@/lib/domain/constants";
import { ROLE_LABELS, labelOf } from "@/components/console/labels";

export type TenantOption = { id: string; name: string; role: TenantRole };

export type TenantSwitcherProps = {
  /** The current tenant. */
  tenant: { id: string; name: string };
  /** Every tenant the user belongs to, with their role there. */
  tenants: TenantOption[];
  /** Server action; receives FormData with a `tenantId` field. It should redirect when done. */
  switchTenantAction: (formData: FormData) => void | Promise<void>;
  className?: string;
};

function Trigger({ name }: { name: string }) {
  const { pending } = useFormStatus();
  return (
    <DropdownMenuTrigger asChild>
      <button
        type="button"
        aria-busy={pending || undefined}
        className="flex h-8 max-w-full min-w-0 items-center gap-2 rounded-md px-2 text-sm font-medium text-foreground transition-colors hover:bg-subtle data-[state=open]:bg-subtle"
      >
        {pending ? <Spinner className="text-muted-foreground" /> : <Building2 aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />}
        <span className="sr-only">Tenant: </span>
        <span className="min-w-0 truncate" title={name}>
          {name}
        </span>
        <span className="sr-only">{pending ? " (switching…)" : ", switch tenant"}</span>
        <ChevronsUpDown aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
      </button>
    </DropdownMenuTrigger>
  );
}

/**
 * Lists the user's tenants with their role. Choosing one submits a (persistent, hidden) form
 * with `tenantId` to `switchTenantAction` — the form lives outside the menu so closing the
 * menu cannot cancel the submission.
 */
export function TenantSwitcher({ tenant, tenants, switchTenantAction, className }: TenantSwitcherProps) {
  const formRef = React.useRef<HTMLFormElement>(null);
  const inputRef = React.useRef<HTMLInputElement>(null);

  const onValueChange = (tenantId: string) => {
    if (tenantId === tenant.id || !inputRef.current || !formRef.current) return;
    inputRef.current.value = tenantId;
    formRef.current.requestSubmit();
  };

  return (
    <form ref={formRef} action={switchTenantAction} className={cn("min-w-0", className)}>
      <input ref={inputRef} type="hidden" name="tenantId" defaultValue={tenant.id} />
      <DropdownMenu>
        <Trigger name={tenant.name} />
        <DropdownMenuContent align="start" className="w-72">
          <DropdownMenuLabel>Switch tenant</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={tenant.id} onValueChange={onValueChange}>
            {tenants.map((t) => (
              <DropdownMenuRadioItem key={t.id} value={t.id} textValue={t.name}>
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="truncate" title={t.name}>
                    {t.name}
                  </span>
                  <span className="text-xs text-muted-foreground">{labelOf(ROLE_LABELS, t.role)}</span>
                </span>
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
    </form>
  );
}
