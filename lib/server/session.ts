import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../../db";
import { getActorForUser, getSpaceAccess, type SpaceAccess } from "../../db/access";
import type { Actor } from "../actor";
import { auth } from "../auth/auth";

export const TENANT_COOKIE = "pc_tenant";

/** The signed-in user's id, from the session (which holds nothing else). */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.user?.id || null;
});

/** The actor for this request, read from the database once per request. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const userId = await getSessionUserId();
  if (!userId) return null;
  const tenantId = (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  return getActorForUser(await getDb(), userId, tenantId);
});

/** For pages: the actor, or off to sign-in (or the no-access page when no tenant is left). */
export async function requireActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (actor) return actor;
  if (await getSessionUserId()) redirect("/no-access");
  redirect("/sign-in");
}

/** The actor's access to a space, read once per request; 404 when none. */
export const getSpaceAccessForRequest = cache(
  async (spaceId: string): Promise<SpaceAccess | null> => {
    const actor = await getCurrentActor();
    if (!actor) return null;
    return getSpaceAccess(await getDb(), actor, spaceId);
  },
);

export async function requireSpace(spaceId: string): Promise<{ actor: Actor; space: SpaceAccess }> {
  const actor = await requireActor();
  const space = await getSpaceAccessForRequest(spaceId);
  if (!space) notFound();
  return { actor, space };
}
