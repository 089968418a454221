import { timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

/** Primary key: a UUID v7 (time-ordered, so inserts stay local in the index). */
export const id = () => uuid().primaryKey().$defaultFn(() => uuidv7());

/** A timestamptz column read as a JS Date. */
export const ts = () => timestamp({ withTimezone: true, mode: "date" });

export const createdAt = () => ts().notNull().defaultNow();
