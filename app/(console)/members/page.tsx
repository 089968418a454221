import type { Metadata } from "next";
import { Users } from "lucide-react";
import { RoleBadge } from "@/components/console/role-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db";
import { listMembers, listTeams } from "@/db/queries/members";
import { can } from "@/lib/domain/permissions";
import { requireActor } from "@/lib/server/session";
import {
  AddTeamMemberForm,
  CreateTeamForm,
  DeleteTeamButton,
  ExternalIdsDialog,
  InviteMemberDialog,
  RemoveMemberButton,
  RemoveTeamMemberButton,
  RoleSelect,
} from "./_components/member-controls";
import {
  addTeamMemberAction,
  changeMemberRoleAction,
  createTeamAction,
  deleteTeamAction,
  inviteMemberAction,
  removeMemberAction,
  removeTeamMemberAction,
  setExternalIdsAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requireActor();
  const db = await getDb();
  const [members, teams] = await Promise.all([listMembers(db, actor), listTeams(db, actor)]);
  // Viewers (evaluators) see names and roles, never anyone's email.
  const showEmail = can(actor.tenantRole, "details:read");
  const manage = can(actor.tenantRole, "members:manage");

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Members"
        description={`People in ${actor.tenantName}, their tenant role, teams and space grants.`}
        actions={manage ? <InviteMemberDialog action={inviteMemberAction} /> : null}
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
            {manage ? (
              <TableHead>
                <span className="sr-only">Manage</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.membershipId}>
              <TableCell className="font-medium">
                <span className="flex items-center gap-2">
                  {m.name}
                  {m.invited ? <Badge variant="blue">Invited</Badge> : null}
                  {m.membershipId === actor.membershipId ? <Badge variant="neutral">You</Badge> : null}
                </span>
              </TableCell>
              {showEmail ? <TableCell>{m.email}</TableCell> : null}
              <TableCell>
                {manage ? (
                  <RoleSelect membershipId={m.membershipId} name={m.name} role={m.role} action={changeMemberRoleAction} />
                ) : (
                  <RoleBadge role={m.role} />
                )}
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
              {manage ? (
                <TableCell>
                  <div className="flex justify-end gap-1">
                    <ExternalIdsDialog membershipId={m.membershipId} name={m.name} externalIds={m.externalIds} action={setExternalIdsAction} />
                    {m.membershipId !== actor.membershipId ? (
                      <RemoveMemberButton membershipId={m.membershipId} name={m.name} action={removeMemberAction} />
                    ) : null}
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <section aria-labelledby="teams-heading" className="flex flex-col gap-4">
        <div>
          <h2 id="teams-heading" className="text-base font-semibold">
            Teams
          </h2>
          <p className="text-sm text-muted-foreground">A space grant to a team reaches every member of it.</p>
        </div>
        {manage ? <CreateTeamForm action={createTeamAction} /> : null}
        {teams.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet" description={manage ? "Create a team to grant a group of people access to a space at once." : "Owners create teams to grant groups access to spaces."} headingLevel="h3" />
        ) : (
          <ul className="grid gap-4 lg:grid-cols-2">
            {teams.map((t) => {
              const candidates = members.filter((m) => !t.members.some((tm) => tm.membershipId === m.membershipId));
              return (
                <li key={t.id}>
                  <Card>
                    <CardHeader className="flex-row items-start justify-between gap-2">
                      <div>
                        <CardTitle>{t.name}</CardTitle>
                        {t.description ? <CardDescription>{t.description}</CardDescription> : null}
                      </div>
                      {manage ? <DeleteTeamButton teamId={t.id} teamName={t.name} action={deleteTeamAction} /> : null}
                    </CardHeader>
                    <CardContent className="flex flex-col gap-3 text-sm">
                      {t.members.length === 0 ? (
                        <p className="text-muted-foreground">No members yet.</p>
                      ) : (
                        <ul aria-label={`Members of ${t.name}`} className="flex flex-wrap gap-2">
                          {t.members.map((tm) => (
                            <li key={tm.membershipId} className="flex items-center gap-1 rounded-md border border-border py-0.5 pr-0.5 pl-2">
                              {tm.name}
                              {manage ? (
                                <RemoveTeamMemberButton teamId={t.id} teamName={t.name} membershipId={tm.membershipId} name={tm.name} action={removeTeamMemberAction} />
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      )}
                      {manage ? (
                        <AddTeamMemberForm
                          teamId={t.id}
                          teamName={t.name}
                          candidates={candidates.map((c) => ({ membershipId: c.membershipId, name: c.name }))}
                          action={addTeamMemberAction}
                        />
                      ) : null}
                    </CardContent>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
