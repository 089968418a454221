"use server";
import { disableCapabilityEverywhere, setCapabilityGrant } from "@/db/mutations/capabilities";
import { authorizedAction } from "@/lib/server/authorized-action";
import { DisableCapabilityEverywhereInput, SetCapabilityGrantInput } from "./inputs";

const paths = (i: { spaceId: string; personaId: string }) => [
  `/spaces/${i.spaceId}`,
  `/spaces/${i.spaceId}/personas/${i.personaId}`,
  `/spaces/${i.spaceId}/personas/${i.personaId}/capabilities`,
];

export const setCapabilityGrantAction = authorizedAction(
  "spaces:manage",
  SetCapabilityGrantInput,
  async (input, { actor, role, tx }) => setCapabilityGrant(tx, actor, role, input),
  { revalidate: paths },
);

export const disableCapabilityEverywhereAction = authorizedAction(
  "spaces:manage",
  DisableCapabilityEverywhereInput,
  async (input, { actor, role, tx }) => disableCapabilityEverywhere(tx, actor, role, input),
  { revalidate: paths },
);
