import type { Metadata } from "next";
import { RoleBadge } from "@/components/console/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listMembers } from "@/db/queries/members";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requireActor();
  const members = await listMembers(await getDb(), actor);
  // Viewers (evaluators) see names and roles, never anyone's email.
  const showEmail = can(actor.tenantRole, "details:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Members"
        description={`People in ${actor.tenantName}, their tenant role, teams and space grants.`}
      />
      <Table label="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            {showEmail ? <TableHead>Email</TableHead> : null}
            <TableHead>Tenant role</TableHead>
            <TableHead>Teams</TableHead>
            <TableHead>Space grants</TableHead>
            <TableHead>Joined</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.membershipId}>
              <TableCell className="font-medium">{m.name}</TableCell>
              {showEmail ? <TableCell>{m.email}</TableCell> : null}
              <TableCell>
                <RoleBadge role={m.role} />
              </TableCell>
              <TableCell>{m.teams.length ? m.teams.join(", ") : <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell>
                {m.role === "owner" ? (
                  <span className="text-muted-foreground">Every space (owner)</span>
                ) : m.spaceGrants.length ? (
                  m.spaceGrants.map((g) => `${g.spaceName} (${g.role})`).join(", ")
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </TableCell>
              <TableCell>
                <RelativeTime date={m.joinedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
