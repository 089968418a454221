"use server";
import {
  addTeamMember,
  changeMemberRole,
  createTeam,
  deleteTeam,
  inviteMember,
  removeMember,
  removeTeamMember,
  setExternalIds,
} from "@/db/mutations/members";
import { authorizedAction } from "@/lib/server/authorized-action";
import {
  ChangeMemberRoleInput,
  CreateTeamInput,
  DeleteTeamInput,
  InviteMemberInput,
  RemoveMemberInput,
  SetExternalIdsInput,
  TeamMemberInput,
} from "./inputs";

const members = { revalidate: () => "/members" };

export const inviteMemberAction = authorizedAction("members:manage", InviteMemberInput, (i, c) => inviteMember(c.tx, c.actor, c.role, i), members);
export const changeMemberRoleAction = authorizedAction("members:manage", ChangeMemberRoleInput, (i, c) => changeMemberRole(c.tx, c.actor, c.role, i), members);
export const removeMemberAction = authorizedAction("members:manage", RemoveMemberInput, (i, c) => removeMember(c.tx, c.actor, c.role, i), members);
export const setExternalIdsAction = authorizedAction("members:manage", SetExternalIdsInput, (i, c) => setExternalIds(c.tx, c.actor, c.role, i), members);
export const createTeamAction = authorizedAction("members:manage", CreateTeamInput, (i, c) => createTeam(c.tx, c.actor, c.role, i), members);
export const deleteTeamAction = authorizedAction("members:manage", DeleteTeamInput, (i, c) => deleteTeam(c.tx, c.actor, c.role, i), members);
export const addTeamMemberAction = authorizedAction("members:manage", TeamMemberInput, (i, c) => addTeamMember(c.tx, c.actor, c.role, i), members);
export const removeTeamMemberAction = authorizedAction("members:manage", TeamMemberInput, (i, c) => removeTeamMember(c.tx, c.actor, c.role, i), members);
