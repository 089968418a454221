"use server";
import { insertRuntimeToken, revokeRuntimeToken, rotateRuntimeToken } from "@/db/mutations/tokens";
import { env } from "@/lib/env";
import { authorizedAction } from "@/lib/server/authorized-action";
import { CreateTokenInput, RevokeTokenInput, RotateTokenInput } from "./inputs";

const paths = (spaceId: string) => [`/spaces/${spaceId}/tokens`, "/tokens"];

export const createRuntimeToken = authorizedAction(
  "spaces:manage",
  CreateTokenInput,
  async (input, { actor, role, tx }) => insertRuntimeToken(tx, actor, role, input),
  { revalidate: (i) => paths(i.spaceId) },
);

export const revokeToken = authorizedAction(
  "spaces:manage",
  RevokeTokenInput,
  async (input, { actor, role, tx }) => revokeRuntimeToken(tx, actor, role, input),
  { revalidate: (i) => paths(i.spaceId) },
);

export const rotateToken = authorizedAction(
  "spaces:manage",
  RotateTokenInput,
  async (input, { actor, role, tx }) =>
    rotateRuntimeToken(tx, actor, role, { ...input, graceHours: input.graceHours ?? env().RUNTIME_TOKEN_GRACE_HOURS }),
  { revalidate: (i) => paths(i.spaceId) },
);
