import { Providers } from "@/components/providers";
import { NotificationBell } from "./notifications/notification-bell";
import { AppShell } from "@/components/shell/app-shell";
import { getDb } from "@/db";
import { listUserTenants } from "@/db/access";
import { countPendingReviews } from "@/db/queries/spaces";
import { signOutAction, switchTenantAction } from "@/lib/auth/session-actions";
import { requireActor } from "@/lib/server/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const db = await getDb();
  const [tenants, pending] = await Promise.all([
    listUserTenants(db, actor.userId),
    countPendingReviews(db, actor),
  ]);
  return (
    <AppShell
      tenant={{ id: actor.tenantId, name: actor.tenantName }}
      tenants={tenants}
      user={{ name: actor.name, email: actor.email }}
      role={actor.tenantRole}
      navCounts={{ reviews: pending }}
      notificationBell={<NotificationBell actor={actor} />}
      switchTenantAction={switchTenantAction}
      signOutAction={signOutAction}
    >
      <Providers>{children}</Providers>
    </AppShell>
  );
}
