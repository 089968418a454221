import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../../db";
import { findUserForSignIn } from "../../db/users";
import { authSecret } from "../env";
import { dummyPasswordHash, verifyPassword } from "./password";

const SignInInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1000),
});

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/**
 * Auth.js: email + password. The session (a signed JWT cookie) holds only the
 * user id; tenant roles are read from the database on every request.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const user = await findUserForSignIn(await getDb(), parsed.data.email);
        // Verify against a dummy hash for unknown emails so timing tells nothing.
        const ok = await verifyPassword(
          parsed.data.password,
          user?.passwordHash ?? (await dummyPasswordHash()),
        );
        if (!user || !ok) throw new InvalidCredentials();
        return { id: user.id };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id, iat: token.iat, exp: token.exp, jti: token.jti };
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
});
