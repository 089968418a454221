import { z } from "zod";

export const MarkNotificationReadInput = z.object({ notificationId: z.uuid("Not a valid notification.") });
export const MarkAllNotificationsReadInput = z.object({});
