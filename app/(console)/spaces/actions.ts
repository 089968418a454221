"use server";
import { archiveSpace, insertSpace, updateSpaceSettings } from "@/db/mutations/spaces";
import { authorizedAction } from "@/lib/server/authorized-action";
import { ArchiveSpaceInput, CreateSpaceInput, UpdateSpaceInput } from "./inputs";

export const createSpace = authorizedAction(
  "spaces:manage",
  CreateSpaceInput,
  async (input, { actor, role, tx }) => insertSpace(tx, actor, role, input),
  { revalidate: () => "/spaces" },
);

export const updateSpace = authorizedAction(
  "spaces:manage",
  UpdateSpaceInput,
  async ({ spaceId, name, description, environments, runtimeOwner, runtimeHosting }, { actor, role, tx }) =>
    updateSpaceSettings(tx, actor, role, { spaceId, name, description, environments, runtimeOwner, runtimeHosting }),
  { revalidate: (i) => ["/spaces", `/spaces/${i.spaceId}`, `/spaces/${i.spaceId}/settings`, "/tokens"] },
);

export const archiveSpaceAction = authorizedAction(
  "spaces:manage",
  ArchiveSpaceInput,
  async (input, { actor, role, tx }) => archiveSpace(tx, actor, role, input),
  { revalidate: (i) => ["/spaces", `/spaces/${i.spaceId}`, "/tokens", "/"] },
);
