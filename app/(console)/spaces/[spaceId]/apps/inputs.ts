import { z } from "zod";
import { APP_KINDS } from "@/lib/domain/constants";

const uuid = z.uuid({ message: "Unknown id." });
const ids = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);

export const AppFieldsInput = z.object({
  spaceId: uuid,
  name: z.string().trim().min(2, "Give the app a name of at least 2 characters.").max(80, "Keep the name under 80 characters."),
  kind: z.enum(APP_KINDS, { message: "Pick a kind." }),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  personaIds: z.preprocess(ids, z.array(uuid)).transform((a) => [...new Set(a)]),
});

export const CreateAppInput = AppFieldsInput;
export type CreateAppInput = z.infer<typeof CreateAppInput>;

export const UpdateAppInput = AppFieldsInput.extend({ appId: uuid });
export type UpdateAppInput = z.infer<typeof UpdateAppInput>;

export const ArchiveAppInput = z.object({ spaceId: uuid, appId: uuid });
export type ArchiveAppInput = z.infer<typeof ArchiveAppInput>;
