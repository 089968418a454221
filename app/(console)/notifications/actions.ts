"use server";
import { markAllNotificationsRead, markNotificationRead } from "@/db/notifications/queries";
import { NotFoundError } from "@/lib/errors";
import { personalAction } from "@/lib/server/personal-action";
import { MarkAllNotificationsReadInput, MarkNotificationReadInput } from "./inputs";

/** Mark one notification read for the signed-in person (only one they receive). Not audited: a personal preference. */
export const markNotificationReadAction = personalAction(
  MarkNotificationReadInput,
  async (input, { actor, db }) => {
    if (!(await markNotificationRead(db, actor, input.notificationId))) throw new NotFoundError("That notification");
    return { id: input.notificationId };
  },
  { revalidate: ["/notifications"] },
);

/** Mark everything the signed-in person receives as read. Not audited: a personal preference. */
export const markAllNotificationsReadAction = personalAction(
  MarkAllNotificationsReadInput,
  async (_input, { actor, db }) => ({ marked: await markAllNotificationsRead(db, actor) }),
  { revalidate: ["/notifications"] },
);
