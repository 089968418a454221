import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "../../db";
import type { Permission } from "../domain/permissions";
import { failure, formDataToObject, runAuthorized, type ActionHandler, type ActionResult } from "./authorize";
import { getCurrentActor } from "./session";

/** Marks functions built by `authorizedAction`; a unit test checks every exported action has it. */
export const AUTHORIZED_ACTION = Symbol.for("persona-console.authorized-action");

export interface AuthorizedActionOptions<I, R> {
  /** Paths to revalidate after a successful write. */
  revalidate?: (input: I, data: R) => string | string[];
  /** Runs after the transaction committed (e.g. wake long-polls in this process). */
  afterCommit?: (input: I, data: R) => void;
}

export type AuthorizedAction<R> = ((...args: unknown[]) => Promise<ActionResult<R>>) & {
  [AUTHORIZED_ACTION]: Permission;
};

/**
 * Build a server action: parse → actor + role → can() → transaction with audit →
 * revalidate → typed result. Usable directly (`action(input)`), as a form action
 * (`action(formData)`) and with useActionState (`action(prevState, formData)`).
 */
export function authorizedAction<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  handler: ActionHandler<z.output<S>, R>,
  opts: AuthorizedActionOptions<z.output<S>, R> = {},
): AuthorizedAction<R> {
  const action = async (...args: unknown[]): Promise<ActionResult<R>> => {
    try {
      const last = args[args.length - 1];
      const raw = last instanceof FormData ? formDataToObject(last) : last;
      const actor = await getCurrentActor();
      if (!actor) return { ok: false, error: "Your session has ended. Sign in again." };
      const result = await runAuthorized(await getDb(), actor, permission, schema, raw, handler);
      if (result.ok && (opts.revalidate || opts.afterCommit)) {
        const input = schema.parse(raw);
        opts.afterCommit?.(input, result.data);
        const paths = opts.revalidate?.(input, result.data) ?? [];
        for (const p of Array.isArray(paths) ? paths : [paths]) revalidatePath(p);
      }
      return result;
    } catch (e) {
      unstable_rethrow(e);
      return failure(e);
    }
  };
  return Object.assign(action, { [AUTHORIZED_ACTION]: permission });
}
