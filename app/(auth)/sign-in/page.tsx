import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction } from "@/lib/auth/session-actions";
import { isEmbeddedDatabase } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getCurrentActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; redirectTo?: string }>;
}) {
  if (await getCurrentActor()) redirect("/");
  const sp = await searchParams;
  const redirectTo = safeRedirectPath(sp.redirectTo ?? sp.callbackUrl);
  return (
      <AuthCard
        title="Sign in"
        description="Use the email and password of your Persona Console account."
        footer={
          isEmbeddedDatabase() ? (
            <p className="text-xs text-muted-foreground">
              Demo: <span className="font-medium text-foreground">owner@acme.test</span>,{" "}
              operator@, reviewer@ or viewer@acme.test — password{" "}
              <span className="font-medium text-foreground">persona-demo</span>
            </p>
          ) : null
        }
      >
        <SignInForm action={signInAction} redirectTo={redirectTo} />
      </AuthCard>
  );
}
