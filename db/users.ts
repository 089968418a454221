import { eq, sql } from "drizzle-orm";
import type { Executor } from "./client";
import { users } from "./schema";

/** The only query that returns a password hash; it never leaves the sign-in check. */
export async function findUserForSignIn(
  db: Executor,
  email: string,
): Promise<{ id: string; passwordHash: string | null } | null> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row ?? null;
}

export async function getUserProfile(
  db: Executor,
  userId: string,
): Promise<{ id: string; email: string; name: string } | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
