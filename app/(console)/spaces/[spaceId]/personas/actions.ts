"use server";
import { deleteMemoryItem, insertPersona, pauseAllPersonas, pausePersona, resumePersona, updatePersona } from "@/db/mutations/personas";
import { authorizedAction } from "@/lib/server/authorized-action";
import {
  CreatePersonaInput,
  DeleteMemoryItemInput,
  PauseAllPersonasInput,
  PausePersonaInput,
  ResumePersonaInput,
  UpdatePersonaInput,
} from "./inputs";

const spacePaths = (spaceId: string) => [`/spaces/${spaceId}`, "/spaces", "/", "/rollouts"];

export const createPersona = authorizedAction(
  "spaces:manage",
  CreatePersonaInput,
  async (input, { actor, role, tx }) => insertPersona(tx, actor, role, input),
  { revalidate: (i) => spacePaths(i.spaceId) },
);

export const editPersona = authorizedAction(
  "spaces:manage",
  UpdatePersonaInput,
  async (input, { actor, role, tx }) => updatePersona(tx, actor, role, input),
  { revalidate: (i) => [...spacePaths(i.spaceId), `/spaces/${i.spaceId}/personas/${i.personaId}`] },
);

export const pausePersonaAction = authorizedAction(
  "personas:pause",
  PausePersonaInput,
  async (input, { actor, role, tx }) => pausePersona(tx, actor, role, input),
  { revalidate: (i) => [...spacePaths(i.spaceId), `/spaces/${i.spaceId}/personas/${i.personaId}`, "/reviews"] },
);

export const resumePersonaAction = authorizedAction(
  "personas:pause",
  ResumePersonaInput,
  async (input, { actor, role, tx }) => resumePersona(tx, actor, role, input),
  { revalidate: (i) => [...spacePaths(i.spaceId), `/spaces/${i.spaceId}/personas/${i.personaId}`] },
);

export const pauseAllPersonasAction = authorizedAction(
  "personas:pause",
  PauseAllPersonasInput,
  async (input, { actor, role, tx }) => pauseAllPersonas(tx, actor, role, input),
  { revalidate: (i) => [...spacePaths(i.spaceId), "/reviews"] },
);

export const deleteMemoryItemAction = authorizedAction(
  "spaces:manage",
  DeleteMemoryItemInput,
  async (input, { actor, role, tx }) => deleteMemoryItem(tx, actor, role, input),
  { revalidate: (i) => [`/spaces/${i.spaceId}/personas/${i.personaId}`] },
);
