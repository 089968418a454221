import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { RoleBadge } from "@/components/console/role-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listMembers, listSpaceGrants, listTeams } from "@/db/queries/members";
import { lowerRole, can } from "@/lib/domain/permissions";
import { requireSpace } from "@/lib/server/session";
import { GrantForm, RevokeGrantButton } from "./_components/grant-controls";
import { grantSpaceAccessAction, revokeSpaceGrantAction } from "./actions";

export const metadata: Metadata = { title: "Access" };

export default async function SpaceAccessPage({ params }: { params: Promise<{ spaceId: string }> }) {
  const { spaceId } = await params;
  const { actor, space } = await requireSpace(spaceId);
  const db = await getDb();
  const [grants, members, teams] = await Promise.all([listSpaceGrants(db, actor, spaceId), listMembers(db, actor), listTeams(db, actor)]);
  const manage = can(space.role, "members:manage");
  const showEmail = can(space.role, "details:read");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Breadcrumbs items={[{ label: actor.tenantName, href: "/spaces" }, { label: space.spaceName, href: `/spaces/${spaceId}` }, { label: "Access" }]} />
        }
        title="Who can access this space"
        description="Tenant owners see every space. Everyone else needs a grant, directly or through a team; their role here is the lower of their tenant role and the space role."
      />
      {manage ? (
        <GrantForm
          spaceId={spaceId}
          members={members.filter((m) => m.role !== "owner").map((m) => ({ membershipId: m.membershipId, name: m.name, role: m.role }))}
          teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          action={grantSpaceAccessAction}
        />
      ) : null}
      {grants.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="Only tenant owners can see this space" description={manage ? "Grant a member or a team a role above." : "An owner can grant access to members and teams."} />
      ) : (
        <Table label="Space grants">
          <TableHeader>
            <TableRow>
              <TableHead>Grantee</TableHead>
              <TableHead>Space role</TableHead>
              <TableHead>Effective role here</TableHead>
              {manage ? (
                <TableHead>
                  <span className="sr-only">Manage</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {grants.map((g) => (
              <TableRow key={g.id}>
                <TableCell>
                  <span className="font-medium">{g.name}</span>{" "}
                  <span className="text-muted-foreground">{g.kind === "team" ? "(team)" : showEmail && g.email ? g.email : ""}</span>
                </TableCell>
                <TableCell>{g.role}</TableCell>
                <TableCell>
                  {g.tenantRole ? (
                    <RoleBadge role={lowerRole(g.tenantRole, g.role)} />
                  ) : (
                    <span className="text-muted-foreground">Each member: the lower of their tenant role and {g.role}</span>
                  )}
                </TableCell>
                {manage ? (
                  <TableCell className="text-right">
                    <RevokeGrantButton spaceId={spaceId} grantId={g.id} name={g.name} action={revokeSpaceGrantAction} />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
