import * as React from "react";
import type { TenantRole } from "@/lib/domain/constants";
import { Brand } from "./brand";
import { buildNavItems, type NavCounts, type NavKey } from "./nav-items";
import { SideNav } from "./side-nav";
import type { TenantOption } from "./tenant-switcher";
import { TopBar } from "./top-bar";

export type AppShellProps = {
  /** The current tenant. */
  tenant: { id: string; name: string };
  /** The user's tenants (for the switcher), each with the user's role there. */
  tenants: TenantOption[];
  user: { name: string; email: string };
  /** The user's role in the current tenant (shown in the user menu). */
  role: TenantRole;
  /** Badge counts in the side nav, e.g. `{ reviews: 12 }`. */
  navCounts?: NavCounts;
  /** Override nav hrefs (defaults: "/", "/spaces", "/reviews", …). */
  navHrefs?: Partial<Record<NavKey, string>>;
  /** Server action; receives FormData with `tenantId`. */
  switchTenantAction: (formData: FormData) => void | Promise<void>;
  /** Server action that signs the user out. */
  signOutAction: (formData: FormData) => void | Promise<void>;
  notificationsHref?: string;
  notificationCount?: number;
  /** A live bell rendered in the top bar instead of the plain one. */
  notificationBell?: React.ReactNode;
  children: React.ReactNode;
};

/**
 * The console frame: skip link, left navigation (a drawer below `md`), top bar, and the
 * `<main id="main-content">` landmark holding the page.
 */
export function AppShell({
  tenant,
  tenants,
  user,
  role,
  navCounts,
  navHrefs,
  switchTenantAction,
  signOutAction,
  notificationsHref,
  notificationCount,
  notificationBell,
  children,
}: AppShellProps) {
  const navItems = buildNavItems(navHrefs, navCounts);
  const homeHref = navItems.find((i) => i.key === "home")?.href;
  return (
    <div className="min-h-dvh bg-background">
      <a
        href="#main-content"
        data-print-hidden
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 text-sm font-medium text-foreground shadow-lg ring-2 ring-ring focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside
        data-print-hidden
        className="fixed inset-y-0 left-0 z-40 hidden w-56 flex-col gap-4 border-r border-border bg-muted/40 px-3 py-3 md:flex"
      >
        <div className="flex h-6 items-center px-1">
          <Brand href={homeHref} />
        </div>
        <SideNav items={navItems} className="min-h-0 flex-1 overflow-y-auto" />
      </aside>
      <div className="flex min-h-dvh min-w-0 flex-col md:pl-56 print:pl-0">
        <TopBar
          tenant={tenant}
          tenants={tenants}
          user={user}
          role={role}
          navItems={navItems}
          switchTenantAction={switchTenantAction}
          signOutAction={signOutAction}
          notificationsHref={notificationsHref}
          notificationCount={notificationCount}
          notificationBell={notificationBell}
        />
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
