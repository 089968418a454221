"use server";
/**
 * Accepting an invitation happens before the person can sign in, so it cannot go
 * through `authorizedAction` (no actor yet): the one-time link is the authorization.
 * It writes in one audited transaction (db/invites.ts) and then signs the person in.
 * Allow-listed in test/server-actions.test.ts for that reason.
 */
import { AuthError } from "next-auth";
import { z } from "zod";
import { getDb } from "../../db";
import { acceptInvite } from "../../db/invites";
import { UserError } from "../errors";
import { signIn } from "./auth";
import { hashPassword } from "./password";

export type AcceptInviteState = { error?: string; fieldErrors?: Record<string, string[]>; name?: string } | undefined;

const AcceptInviteInput = z.object({
  token: z.string().min(20).max(100),
  name: z.string().trim().min(1, "Enter your name.").max(120),
  password: z.string().min(10, "Use at least 10 characters.").max(1000),
});

export async function acceptInviteAction(_prev: AcceptInviteState, formData: FormData): Promise<AcceptInviteState> {
  const parsed = AcceptInviteInput.safeParse(Object.fromEntries(formData));
  const name = String(formData.get("name") ?? "");
  if (!parsed.success) {
    return { error: "Some fields need attention.", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>, name };
  }
  let accepted: { email: string } | null;
  try {
    accepted = await acceptInvite(await getDb(), parsed.data.token, {
      name: parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch (e) {
    if (e instanceof UserError) return { error: e.message, name };
    throw e;
  }
  if (!accepted) return { error: "This invitation link was already used or has expired. Ask an owner for a new one.", name };
  try {
    await signIn("credentials", { email: accepted.email, password: parsed.data.password, redirectTo: "/" });
  } catch (e) {
    if (e instanceof AuthError) return { error: "Your password is set, but signing in failed. Sign in from the sign-in page." };
    throw e;
  }
  return undefined;
}
