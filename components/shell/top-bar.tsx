import * as React from "react";
import Link from "next/link";
import { Bell } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { TenantRole } from "@/lib/domain/constants";
import { MobileNav } from "./mobile-nav";
import type { NavItem } from "./nav-items";
import { TenantSwitcher, type TenantOption } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

export type TopBarProps = {
  tenant: { id: string; name: string };
  tenants: TenantOption[];
  user: { name: string; email: string };
  role: TenantRole;
  navItems: NavItem[];
  switchTenantAction: (formData: FormData) => void | Promise<void>;
  signOutAction: (formData: FormData) => void | Promise<void>;
  /** Where the bell leads; without it the bell is an inert placeholder button. */
  notificationsHref?: string;
  /** Unread notifications; shows a dot and is announced. */
  notificationCount?: number;
  /** A live bell (components/notifications) rendered instead of the plain one. */
  notificationBell?: React.ReactNode;
};

/** Top bar: (mobile) menu button, tenant switcher, notifications, user menu. */
export function TopBar({
  tenant,
  tenants,
  user,
  role,
  navItems,
  switchTenantAction,
  signOutAction,
  notificationsHref,
  notificationCount = 0,
  notificationBell,
}: TopBarProps) {
  const homeHref = navItems.find((i) => i.key === "home")?.href;
  const bellLabel = notificationCount > 0 ? `Notifications (${notificationCount} unread)` : "Notifications";
  const bellContent = (
    <>
      <Bell aria-hidden="true" />
      {notificationCount > 0 ? (
        <span aria-hidden="true" className="absolute top-1.5 right-1.5 size-2 rounded-full bg-accent ring-2 ring-background" />
      ) : null}
    </>
  );
  return (
    <header
      data-print-hidden
      className="sticky top-0 z-30 flex h-12 shrink-0 items-center gap-1 border-b border-border bg-background px-2 md:gap-2 md:px-4"
    >
      <MobileNav items={navItems} homeHref={homeHref} />
      <TenantSwitcher tenant={tenant} tenants={tenants} switchTenantAction={switchTenantAction} className="min-w-0 flex-1 md:flex-none" />
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {notificationBell ? (
          notificationBell
        ) : notificationsHref ? (
          <Button asChild variant="ghost" size="icon" className="relative">
            <Link href={notificationsHref} aria-label={bellLabel}>
              {bellContent}
            </Link>
          </Button>
        ) : (
          <Button variant="ghost" size="icon" className="relative" aria-label={bellLabel}>
            {bellContent}
          </Button>
        )}
        <UserMenu user={user} role={role} signOutAction={signOutAction} />
      </div>
    </header>
  );
}
