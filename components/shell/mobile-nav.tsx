"use client";

import * as React from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { Menu, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { dialogOverlayClass } from "@/components/ui/dialog";
import { Brand } from "./brand";
import type { NavItem } from "./nav-items";
import { SideNav } from "./side-nav";

export type MobileNavProps = { items: NavItem[]; homeHref?: string };

/** Below the md breakpoint: a menu button that opens the main navigation in a drawer. */
export function MobileNav({ items, homeHref }: MobileNavProps) {
  const [open, setOpen] = React.useState(false);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label="Open navigation" className="md:hidden">
          <Menu aria-hidden="true" />
        </Button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={dialogOverlayClass} />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 border-r border-border bg-surface p-3 shadow-xl outline-none data-[state=open]:animate-slide-in-left"
        >
          <div className="flex h-8 items-center justify-between gap-2 pl-1">
            <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
            <Brand href={homeHref} />
            <DialogPrimitive.Close asChild>
              <Button variant="ghost" size="icon-sm" aria-label="Close navigation">
                <X aria-hidden="true" />
              </Button>
            </DialogPrimitive.Close>
          </div>
          <SideNav items={items} onNavigate={() => setOpen(false)} />
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
