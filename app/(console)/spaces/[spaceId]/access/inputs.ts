import { z } from "zod";
import { SPACE_ROLES } from "@/lib/domain/constants";

export const GrantSpaceAccessInput = z
  .object({
    spaceId: z.uuid(),
    /** "member:<membershipId>" or "team:<teamId>" from one select. */
    grantee: z.string().regex(/^(member|team):[0-9a-f-]{36}$/i, "Choose a member or a team."),
    role: z.enum(SPACE_ROLES, { message: "Choose a space role." }),
  })
  .transform(({ grantee, ...rest }) => {
    const [kind, id] = grantee.split(":") as ["member" | "team", string];
    return { ...rest, ...(kind === "member" ? { membershipId: id } : { teamId: id }) };
  });

export const RevokeSpaceGrantInput = z.object({ spaceId: z.uuid(), grantId: z.uuid() });
