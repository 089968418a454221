import { z } from "zod";
import { ENVIRONMENTS } from "@/lib/domain/constants";

export const CreateSpaceInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Give the space a name of at least 2 characters.")
    .max(80, "Keep the name under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  environments: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(ENVIRONMENTS, { message: "Unknown environment." })),
    )
    .refine((envs) => envs.length > 0, "Pick at least one environment.")
    .transform((envs) => ENVIRONMENTS.filter((e) => envs.includes(e))),
});
export type CreateSpaceInput = z.infer<typeof CreateSpaceInput>;
