import { z } from "zod";
import { TENANT_ROLES } from "@/lib/domain/constants";

const role = z.enum(TENANT_ROLES, { message: "Choose a role." });
const id = (what: string) => z.uuid({ message: `Unknown ${what}.` });

export const InviteMemberInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  name: z.string().trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters."),
  role,
});

export const ChangeMemberRoleInput = z.object({ membershipId: id("member"), role });
export const RemoveMemberInput = z.object({ membershipId: id("member") });

export const SetExternalIdsInput = z.object({
  membershipId: id("member"),
  externalIds: z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(200, "An external id is at most 200 characters.")).max(20, "At most 20 external ids.")),
});

export const CreateTeamInput = z.object({
  name: z.string().trim().min(2, "Give the team a name of at least 2 characters.").max(80),
  description: z.string().trim().max(300).default(""),
});
export const DeleteTeamInput = z.object({ teamId: id("team") });
export const TeamMemberInput = z.object({ teamId: id("team"), membershipId: id("member") });
