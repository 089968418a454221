import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";
import { CreateSpaceForm } from "../_components/create-space-form";
import { createSpace } from "../actions";

export const metadata: Metadata = { title: "New space" };

export default async function NewSpacePage() {
  const actor = await requireActor();
  if (!can(actor.tenantRole, "spaces:manage")) notFound();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={<Breadcrumbs items={[{ label: actor.tenantName, href: "/spaces" }, { label: "New space" }]} />}
        title="New space"
        description="A space bounds a deployment: which environments it may touch, and later its apps, personas and capabilities."
      />
      <CreateSpaceForm action={createSpace} />
    </div>
  );
}
