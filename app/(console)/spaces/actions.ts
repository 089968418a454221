"use server";
import { insertSpace } from "@/db/mutations/spaces";
import { authorizedAction } from "@/lib/server/authorized-action";
import { CreateSpaceInput } from "./inputs";

export const createSpace = authorizedAction(
  "spaces:manage",
  CreateSpaceInput,
  async (input, { actor, role, tx }) => insertSpace(tx, actor, role, input),
  { revalidate: () => "/spaces" },
);
