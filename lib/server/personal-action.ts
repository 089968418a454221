import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb } from "../../db";
import type { Db } from "../../db/client";
import type { Actor } from "../actor";
import { AUTHORIZED_ACTION, type AuthorizedAction } from "./authorized-action";
import { failure, formDataToObject, type ActionResult } from "./authorize";
import { getCurrentActor } from "./session";

/**
 * A server action that changes only the signed-in person's own preferences (marking
 * notifications read). Not governance, so not audited and not run in `auditedTransaction`
 * (which rolls back any write without an audit event): the handler gets the database and
 * the actor, and must scope every write to `actor.membershipId` and to what the person may
 * see. Tagged like `authorizedAction` (permission `spaces:read`, which every role has) so
 * test/server-actions.test.ts accepts it.
 */
export function personalAction<S extends z.ZodType, R>(
  schema: S,
  handler: (input: z.output<S>, ctx: { actor: Actor; db: Db }) => Promise<R>,
  opts: { revalidate?: string[] } = {},
): AuthorizedAction<R> {
  const action = async (...args: unknown[]): Promise<ActionResult<R>> => {
    try {
      const last = args[args.length - 1];
      const raw = last instanceof FormData ? formDataToObject(last) : last;
      const actor = await getCurrentActor();
      if (!actor) return { ok: false, error: "Your session has ended. Sign in again." };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { ok: false, error: z.flattenError(parsed.error).formErrors[0] ?? "That request was not valid." };
      const data = await handler(parsed.data, { actor, db: await getDb() });
      for (const p of opts.revalidate ?? []) revalidatePath(p);
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      return failure(e);
    }
  };
  return Object.assign(action, { [AUTHORIZED_ACTION]: "spaces:read" as const });
}
