import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db";
import { findInvite } from "@/db/invites";
import { acceptInviteAction } from "@/lib/auth/invite-actions";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(await getDb(), token);
  if (!invite) {
    return (
      <AuthCard title="This invitation cannot be used" description="It was already used, has expired, or was withdrawn. Ask an owner of your organisation for a new link.">
        <Link href="/sign-in" className="text-sm font-medium text-accent-text hover:underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  if (invite.hasPassword) {
    return (
      <AuthCard title={`You're a member of ${invite.tenantName}`} description="You already have an account. Sign in with your password.">
        <Link href="/sign-in" className="text-sm font-medium text-accent-text hover:underline">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invite.tenantName}`} description="Choose your password to finish joining. This link works once.">
      <AcceptInviteForm token={token} email={invite.email} defaultName={invite.name} action={acceptInviteAction} />
    </AuthCard>
  );
}
