import { z } from "zod";
import { ENVIRONMENTS, RUNTIME_HOSTING } from "@/lib/domain/constants";

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

const OWNER_RE = /^(member|team):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const UpdateSpaceInput = CreateSpaceInput.extend({
  spaceId: z.uuid({ message: "Unknown id." }),
  /** `member:<membershipId>`, `team:<teamId>`, or empty for none. */
  runtimeOwner: z
    .string()
    .default("")
    .refine((v) => v === "" || OWNER_RE.test(v), "Pick a member or team of this tenant.")
    .transform((v) => {
      const m = OWNER_RE.exec(v);
      return m ? { kind: m[1]!.toLowerCase() as "member" | "team", id: m[2]! } : null;
    }),
  runtimeHosting: z.enum(RUNTIME_HOSTING, { message: "Pick who hosts the runtime." }),
});
export type UpdateSpaceInput = z.infer<typeof UpdateSpaceInput>;

export const ArchiveSpaceInput = z.object({
  spaceId: z.uuid({ message: "Unknown id." }),
  reason: z.string().trim().min(3, "Say why you are archiving (at least 3 characters).").max(1000),
});
export type ArchiveSpaceInput = z.infer<typeof ArchiveSpaceInput>;
