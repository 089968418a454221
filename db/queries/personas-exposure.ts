import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { apps, personaApps } from "../schema";

/** The apps that expose a persona now. */
export async function appsExposing(db: Executor, tenantId: string, personaId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: apps.id, name: apps.name })
    .from(personaApps)
    .innerJoin(apps, and(eq(apps.id, personaApps.appId), eq(apps.tenantId, personaApps.tenantId)))
    .where(and(eq(personaApps.tenantId, tenantId), eq(personaApps.personaId, personaId)))
    .orderBy(asc(apps.name));
}
