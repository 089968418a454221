"use server";
import { grantSpaceAccess, revokeSpaceGrant } from "@/db/mutations/members";
import { authorizedAction } from "@/lib/server/authorized-action";
import { GrantSpaceAccessInput, RevokeSpaceGrantInput } from "./inputs";

const paths = (i: { spaceId: string }) => [`/spaces/${i.spaceId}/access`, `/spaces/${i.spaceId}`, "/members"];

export const grantSpaceAccessAction = authorizedAction(
  "members:manage",
  GrantSpaceAccessInput,
  (i, c) => grantSpaceAccess(c.tx, c.actor, c.role, i),
  { revalidate: paths },
);
export const revokeSpaceGrantAction = authorizedAction(
  "members:manage",
  RevokeSpaceGrantInput,
  (i, c) => revokeSpaceGrant(c.tx, c.actor, c.role, i),
  { revalidate: paths },
);
