import { z } from "zod";
import { CAPABILITY_KEYS, ENVIRONMENTS, POLICIES } from "@/lib/domain/constants";

const uuid = z.uuid({ message: "Unknown id." });

export const SetCapabilityGrantInput = z.object({
  spaceId: uuid,
  personaId: uuid,
  capabilityKey: z.enum(CAPABILITY_KEYS, { message: "Unknown capability." }),
  environment: z.enum(ENVIRONMENTS, { message: "Unknown environment." }),
  enabled: z.boolean().optional(),
  policies: z.record(z.string().max(100), z.enum(POLICIES, { message: "Pick allow, review or deny." })).optional(),
});
export type SetCapabilityGrantInput = z.infer<typeof SetCapabilityGrantInput>;

export const DisableCapabilityEverywhereInput = z.object({
  spaceId: uuid,
  personaId: uuid,
  capabilityKey: z.enum(CAPABILITY_KEYS, { message: "Unknown capability." }),
});
export type DisableCapabilityEverywhereInput = z.infer<typeof DisableCapabilityEverywhereInput>;
