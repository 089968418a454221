"use server";
import { applyAutonomySuggestion, updateAutonomySettings } from "@/db/mutations/autonomy";
import { authorizedAction } from "@/lib/server/authorized-action";
import { ApplyAutonomySuggestionInput, UpdateAutonomySettingsInput } from "./inputs";

/** Apply an earned-autonomy suggestion (bounded by the stage, audited with its evidence). */
export const applyAutonomySuggestionAction = authorizedAction(
  "spaces:manage",
  ApplyAutonomySuggestionInput,
  async (input, { actor, role, tx }) => applyAutonomySuggestion(tx, actor, role, input),
  {
    revalidate: (i) => [
      `/spaces/${i.spaceId}`,
      `/spaces/${i.spaceId}/personas/${i.personaId}`,
      `/spaces/${i.spaceId}/personas/${i.personaId}/capabilities`,
    ],
  },
);

/** Change how much record earns (or loses) autonomy in a space. */
export const updateAutonomySettingsAction = authorizedAction(
  "spaces:manage",
  UpdateAutonomySettingsInput,
  async ({ spaceId, ...settings }, { actor, role, tx }) => updateAutonomySettings(tx, actor, role, { spaceId, ...settings }),
  { revalidate: (i) => [`/spaces/${i.spaceId}`, `/spaces/${i.spaceId}/settings`] },
);
