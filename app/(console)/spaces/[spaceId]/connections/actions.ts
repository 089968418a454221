"use server";
import { insertConnection, removeConnection, replaceConnectionCredentials } from "@/db/mutations/connections";
import { authorizedAction } from "@/lib/server/authorized-action";
import { CreateConnectionInput, RemoveConnectionInput, ReplaceCredentialsInput } from "./inputs";

export const createConnection = authorizedAction(
  "spaces:manage",
  CreateConnectionInput,
  async (input, { actor, role, tx }) => insertConnection(tx, actor, role, input),
  { revalidate: (i) => `/spaces/${i.spaceId}` },
);

export const replaceCredentials = authorizedAction(
  "spaces:manage",
  ReplaceCredentialsInput,
  async (input, { actor, role, tx }) => replaceConnectionCredentials(tx, actor, role, input),
  { revalidate: (i) => [`/spaces/${i.spaceId}`, `/spaces/${i.spaceId}/connections/${i.connectionId}`] },
);

export const removeConnectionAction = authorizedAction(
  "spaces:manage",
  RemoveConnectionInput,
  async (input, { actor, role, tx }) => removeConnection(tx, actor, role, input),
  { revalidate: (i) => `/spaces/${i.spaceId}` },
);
