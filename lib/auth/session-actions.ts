"use server";
/**
 * Session actions: sign in, sign out, switch tenant. They change only the
 * caller's own cookies, never the database, so they are the one place server
 * actions are not built by `authorizedAction` (the wrapper test allow-lists this file).
 */
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "../../db";
import { listUserTenants } from "../../db/access";
import { safeRedirectPath } from "../safe-redirect";
import { getSessionUserId, TENANT_COOKIE } from "../server/session";
import { signIn, signOut } from "./auth";

export type SignInState = { error?: string; email?: string } | undefined;


export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) {
    return { error: "Enter your email and password.", email };
  }
  try {
    await signIn("credentials", {
      email,
      password,
      redirectTo: safeRedirectPath(formData.get("redirectTo")),
    });
  } catch (e) {
    if (e instanceof AuthError) {
      // The same message for an unknown email and a wrong password; the password is never echoed.
      return { error: "That email and password don't match an account.", email };
    }
    throw e; // redirect() on success
  }
  return undefined;
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(TENANT_COOKIE);
  await signOut({ redirectTo: "/sign-in" });
}

/** Switch the active tenant; only to a tenant the user belongs to (checked against the database). */
export async function switchTenantAction(formData: FormData): Promise<void> {
  const userId = await getSessionUserId();
  if (!userId) redirect("/sign-in");
  const tenantId = String(formData.get("tenantId") ?? "");
  const tenants = await listUserTenants(await getDb(), userId);
  if (tenants.some((t) => t.id === tenantId)) {
    (await cookies()).set(TENANT_COOKIE, tenantId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  redirect("/");
}
