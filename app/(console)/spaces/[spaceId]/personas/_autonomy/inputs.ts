import { z } from "zod";
import { AutonomySettingsInput } from "@/lib/domain/autonomy";
import { ENVIRONMENTS, POLICIES } from "@/lib/domain/constants";

const uuid = z.uuid({ message: "Unknown id." });

export const ApplyAutonomySuggestionInput = z.object({
  spaceId: uuid,
  personaId: uuid,
  environment: z.enum(ENVIRONMENTS, { message: "Unknown environment." }),
  actionKey: z.string().min(1).max(100),
  to: z.enum(POLICIES, { message: "Pick allow, review or deny." }),
});
export type ApplyAutonomySuggestionInput = z.infer<typeof ApplyAutonomySuggestionInput>;

export const UpdateAutonomySettingsInput = AutonomySettingsInput.extend({ spaceId: uuid });
export type UpdateAutonomySettingsInput = z.infer<typeof UpdateAutonomySettingsInput>;
