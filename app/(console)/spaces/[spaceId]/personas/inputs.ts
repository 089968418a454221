import { z } from "zod";

const uuid = z.uuid({ message: "Unknown id." });

const ids = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);

export const PersonaFieldsInput = z.object({
  spaceId: uuid,
  name: z
    .string()
    .trim()
    .min(2, "Give the persona a name of at least 2 characters.")
    .max(80, "Keep the name under 80 characters."),
  purpose: z.string().trim().max(500, "Keep the purpose under 500 characters.").default(""),
  ownerMembershipId: z
    .preprocess((v) => (v === "" || v === undefined ? null : v), uuid.nullable())
    .default(null),
  appIds: z.preprocess(ids, z.array(uuid)).transform((a) => [...new Set(a)]),
});

export const CreatePersonaInput = PersonaFieldsInput;
export type CreatePersonaInput = z.infer<typeof CreatePersonaInput>;

export const UpdatePersonaInput = PersonaFieldsInput.extend({ personaId: uuid });
export type UpdatePersonaInput = z.infer<typeof UpdatePersonaInput>;

export const PausePersonaInput = z.object({
  spaceId: uuid,
  personaId: uuid,
  reason: z.string().trim().min(3, "Say why you are pausing (at least 3 characters).").max(1000, "Keep the reason under 1000 characters."),
});
export type PausePersonaInput = z.infer<typeof PausePersonaInput>;

export const ResumePersonaInput = z.object({
  spaceId: uuid,
  personaId: uuid,
  resolution: z
    .string()
    .trim()
    .min(3, "Write a resolution note (at least 3 characters).")
    .max(1000, "Keep the note under 1000 characters."),
});
export type ResumePersonaInput = z.infer<typeof ResumePersonaInput>;

export const PauseAllPersonasInput = z.object({
  spaceId: uuid,
  reason: z.string().trim().min(3, "Say why you are pausing (at least 3 characters).").max(1000, "Keep the reason under 1000 characters."),
});
export type PauseAllPersonasInput = z.infer<typeof PauseAllPersonasInput>;

export const DeleteMemoryItemInput = z.object({ spaceId: z.uuid(), personaId: z.uuid(), memoryItemId: z.uuid() });
