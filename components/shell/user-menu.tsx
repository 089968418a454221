"use client";

import * as React from "react";
import { useFormStatus } from "react-dom";
import { LogOut } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { RoleBadge } from "@/components/console/role-badge";
import type { TenantRole } from "@/lib/domain/constants";

export type UserMenuProps = {
  user: { name: string; email: string };
  /** The user's role in the current tenant. */
  role: TenantRole;
  /** Server action that signs out (and redirects to the sign-in page). */
  signOutAction: (formData: FormData) => void | Promise<void>;
};

function initials(name: string, email: string): string {
  const source = name.trim() || email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts[1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

function Avatar({ user }: { user: UserMenuProps["user"] }) {
  const { pending } = useFormStatus();
  return (
    <DropdownMenuTrigger asChild>
      <button
        type="button"
        aria-label={`Account menu for ${user.name || user.email}`}
        aria-busy={pending || undefined}
        className="flex size-8 shrink-0 items-center justify-center rounded-full transition-colors hover:bg-subtle data-[state=open]:bg-subtle"
      >
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-full bg-muted text-[11px] font-semibold text-foreground ring-1 ring-border"
        >
          {pending ? <Spinner className="size-3.5" /> : initials(user.name, user.email)}
        </span>
      </button>
    </DropdownMenuTrigger>
  );
}

/** Avatar menu: who is signed in, their role here, and "Sign out" (submits `signOutAction`). */
export function UserMenu({ user, role, signOutAction }: UserMenuProps) {
  const formRef = React.useRef<HTMLFormElement>(null);
  return (
    <form ref={formRef} action={signOutAction}>
      <DropdownMenu>
        <Avatar user={user} />
        <DropdownMenuContent align="end" className="w-64">
          <div className="flex min-w-0 flex-col gap-1 px-2 py-1.5">
            <p className="truncate text-sm font-medium" title={user.name}>
              {user.name || user.email}
            </p>
            <p className="truncate text-xs text-muted-foreground" title={user.email}>
              {user.email}
            </p>
            <div>
              <RoleBadge role={role} />
            </div>
          </div>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => formRef.current?.requestSubmit()}>
            <LogOut aria-hidden="true" />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </form>
  );
}
