import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/auth/session-actions";

export const metadata: Metadata = { title: "No access" };

export default function NoAccessPage() {
  return (
      <AuthCard
        title="You are not a member of any tenant"
        description="Your membership was removed, or you have not been invited yet. Ask an owner of your organisation for an invitation."
      >
        <form action={signOutAction}>
          <Button type="submit" variant="outline" className="w-full">
            Sign out
          </Button>
        </form>
      </AuthCard>
  );
}
