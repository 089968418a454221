"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { tabListClass, tabTriggerClass } from "./tabs";

export type TabNavItem = {
  href: string;
  label: string;
  /** Optional count shown after the label (e.g. pending actions). */
  count?: number;
  /** Match only this exact path (default: the path or anything below it). */
  exact?: boolean;
};

export type TabNavProps = {
  items: TabNavItem[];
  /** Accessible name of the navigation, e.g. "Persona sections". */
  label: string;
  /** Override the active tab (by href); by default it follows the current path. */
  activeHref?: string;
  className?: string;
};

function isActive(pathname: string, item: TabNavItem) {
  const href = item.href.split(/[?#]/)[0] ?? item.href;
  if (item.exact) return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** Route tabs: links styled as tabs, the current one marked `aria-current="page"`. */
export function TabNav({ items, label, activeHref, className }: TabNavProps) {
  const pathname = usePathname() ?? "";
  // The most specific match wins, so "/p/1" does not light up alongside "/p/1/actions".
  const active =
    activeHref ??
    items
      .filter((item) => isActive(pathname, item))
      .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav aria-label={label} className={className}>
      <ul className={tabListClass}>
        {items.map((item) => {
          const current = item.href === active;
          return (
            <li key={item.href} className="flex">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(tabTriggerClass, current && "border-foreground text-foreground")}
              >
                {item.label}
                {item.count !== undefined ? (
                  <span className="rounded-full bg-muted px-1.5 text-xs leading-4 tnum text-muted-foreground">
                    {item.count}
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
