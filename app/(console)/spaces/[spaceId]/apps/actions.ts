"use server";
import { archiveApp, insertApp, updateApp } from "@/db/mutations/apps";
import { authorizedAction } from "@/lib/server/authorized-action";
import { ArchiveAppInput, CreateAppInput, UpdateAppInput } from "./inputs";

const paths = (spaceId: string) => [`/spaces/${spaceId}`, "/spaces", "/tokens"];

export const createApp = authorizedAction(
  "spaces:manage",
  CreateAppInput,
  async (input, { actor, role, tx }) => insertApp(tx, actor, role, input),
  { revalidate: (i) => paths(i.spaceId) },
);

export const editApp = authorizedAction(
  "spaces:manage",
  UpdateAppInput,
  async (input, { actor, role, tx }) => updateApp(tx, actor, role, input),
  { revalidate: (i) => [...paths(i.spaceId), `/spaces/${i.spaceId}/apps/${i.appId}`] },
);

export const archiveAppAction = authorizedAction(
  "spaces:manage",
  ArchiveAppInput,
  async (input, { actor, role, tx }) => archiveApp(tx, actor, role, input),
  { revalidate: (i) => paths(i.spaceId) },
);
