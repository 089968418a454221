import { z } from "zod";
import { auditedTransaction, recordAudit } from "../../db/audit";
import { getSpaceAccess, type SpaceAccess } from "../../db/access";
import type { Db, Tx } from "../../db/client";
import { auditActor, type Actor } from "../actor";
import type { TenantRole } from "../domain/constants";
import { can, type Permission } from "../domain/permissions";
import { UserError, errorRef } from "../errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; ref?: string };

export interface ActionContext {
  actor: Actor;
  /** The actor's role for this action: the effective space role when the input names a space. */
  role: TenantRole;
  /** Present when the input has a `spaceId` the actor can see. */
  space: SpaceAccess | null;
  tx: Tx;
}

export type ActionHandler<I, R> = (input: I, ctx: ActionContext) => Promise<R>;

/** Turn a submitted FormData into a plain object; repeated keys become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next's own fields
    const values = fd.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
    const name = key.endsWith("[]") ? key.slice(0, -2) : key;
    out[name] = key.endsWith("[]") || values.length > 1 ? values : values[0];
  }
  return out;
}

const NOT_FOUND = "That space was not found, or you do not have access to it.";

/**
 * The one path every console write takes: zod parse → role (space-effective when
 * the input names a space) → can() → one transaction with the write and its audit
 * event(s) → typed result. A refusal writes exactly one `authz.denied` event and
 * nothing else; any other failure writes nothing.
 */
export async function runAuthorized<S extends z.ZodType, R>(
  db: Db,
  actor: Actor,
  permission: Permission,
  schema: S,
  raw: unknown,
  handler: ActionHandler<z.output<S>, R>,
): Promise<ActionResult<R>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    const fieldErrors = flat.fieldErrors as Record<string, string[]>;
    const first = flat.formErrors[0];
    return {
      ok: false,
      error: first ?? "Some fields need attention.",
      fieldErrors,
    };
  }
  const input = parsed.data;
  const spaceId =
    input && typeof input === "object" && "spaceId" in input
      ? (input as { spaceId?: unknown }).spaceId
      : undefined;

  let space: SpaceAccess | null = null;
  let role: TenantRole = actor.tenantRole;
  if (typeof spaceId === "string") {
    space = await getSpaceAccess(db, actor, spaceId);
    if (!space) {
      await denied(db, actor, permission, actor.tenantRole, { type: "space", id: spaceId });
      return { ok: false, error: NOT_FOUND };
    }
    role = space.role;
  }

  if (!can(role, permission)) {
    await denied(db, actor, permission, role, {
      type: space ? "space" : "tenant",
      id: space?.spaceId ?? actor.tenantId,
      label: space?.spaceName ?? actor.tenantName,
    });
    return { ok: false, error: "You do not have permission to do that." };
  }

  try {
    const data = await auditedTransaction(db, (tx) => handler(input, { actor, role, space, tx }));
    return { ok: true, data };
  } catch (e) {
    return failure(e);
  }
}

async function denied(
  db: Db,
  actor: Actor,
  permission: Permission,
  role: TenantRole,
  target: { type: string; id: string; label?: string },
) {
  await auditedTransaction(db, async (tx) => {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "authz.denied",
      target,
      spaceId: target.type === "space" ? target.id : null,
      after: { permission },
    });
  });
}

/** Expected failures keep their message; anything else is logged behind a reference. */
export function failure(e: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]>; ref?: string } {
  if (e instanceof UserError) {
    return { ok: false, error: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
  }
  const ref = errorRef();
  console.error(`[action] failed (ref ${ref})`, e);
  return { ok: false, error: `Something went wrong (ref ${ref}).`, ref };
}
