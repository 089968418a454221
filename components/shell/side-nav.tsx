"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Blocks, FileText, House, Inbox, KeyRound, LayoutGrid, Rocket, ScrollText, Users, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import type { NavItem, NavKey } from "./nav-items";

const ICONS: Record<NavKey, LucideIcon> = {
  home: House,
  spaces: LayoutGrid,
  capabilities: Blocks,
  reviews: Inbox,
  rollouts: Rocket,
  reports: FileText,
  tokens: KeyRound,
  audit: ScrollText,
  members: Users,
};

function matches(pathname: string, href: string, isRoot: boolean) {
  if (isRoot) return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

export type SideNavProps = {
  items: NavItem[];
  /** Called after a link is followed (the mobile drawer closes with it). */
  onNavigate?: () => void;
  className?: string;
};

/** The main navigation; the current section is marked `aria-current="page"`. */
export function SideNav({ items, onNavigate, className }: SideNavProps) {
  const pathname = usePathname() ?? "";
  const homeHref = items.find((i) => i.key === "home")?.href;
  // The longest matching href wins, so a nested section does not also light up Home.
  const active = items
    .filter((item) => matches(pathname, item.href, item.href === homeHref))
    .sort((a, b) => b.href.length - a.href.length)[0]?.key;

  return (
    <nav aria-label="Main" className={cn("flex flex-col", className)}>
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const Icon = ICONS[item.key];
          const current = item.key === active;
          const count = item.count && item.count > 0 ? item.count : undefined;
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-subtle hover:text-foreground",
                  current && "bg-subtle text-foreground",
                )}
              >
                <Icon
                  aria-hidden="true"
                  className={cn("size-4 shrink-0", current ? "text-accent-text" : "text-muted-foreground group-hover:text-foreground")}
                />
                <span className="min-w-0 flex-1 truncate">{item.label}</span>
                {count !== undefined ? (
                  <span className="ml-auto rounded-full bg-accent px-1.5 text-[11px] leading-4 font-semibold text-accent-foreground tnum">
                    <span className="sr-only">, </span>
                    {count > 99 ? "99+" : count}
                    {item.countLabel ? <span className="sr-only"> {item.countLabel}</span> : null}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
