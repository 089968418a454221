import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only module that reads process.env. Parsed once, lazily, so a script can
 * set variables before its first use.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(16).optional(),
  /** AES-256-GCM key for connection credentials: base64 of 32 bytes. */
  CONNECTION_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "CONNECTION_SECRET_KEY must be base64 of 32 bytes")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("localhost"),
  /** Create the demo tenant even in production on PostgreSQL ("1" to allow). */
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  /** Skip the automatic demo seed of an empty embedded database. */
  SKIP_SEED: z.enum(["0", "1"]).optional(),
  /** TEST ONLY: "1" enables POST /api/test/fixtures (browser tests make their own data). */
  E2E_FIXTURES: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Runtime gateway: per-token rate limit, steady requests per second. */
  RUNTIME_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  /** Runtime gateway: per-token burst (bucket size). */
  RUNTIME_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  /** Hours a rotated runtime token keeps working after its replacement is issued. */
  RUNTIME_TOKEN_GRACE_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests and scripts that change the environment after start. */
export function resetEnvCache(): void {
  cached = undefined;
}

export const isEmbeddedDatabase = () => !env().DATABASE_URL;

/**
 * The Auth.js secret. Taken from AUTH_SECRET; for the embedded default it is
 * generated once into a file beside the data dir so sessions survive restarts.
 */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.DATABASE_URL && e.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set when running in production on PostgreSQL.");
  }
  const dir = e.PGLITE_DATA_DIR.startsWith("memory://")
    ? path.resolve(".data")
    : path.dirname(path.resolve(e.PGLITE_DATA_DIR));
  const file = path.join(dir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}

/**
 * The key that encrypts connection credentials at rest (AES-256-GCM, 32 bytes). Taken from
 * CONNECTION_SECRET_KEY (base64); for the embedded default it is generated once into a file
 * beside the data dir, like the auth secret.
 */
export function connectionSecretKey(): Buffer {
  const e = env();
  if (e.CONNECTION_SECRET_KEY) return Buffer.from(e.CONNECTION_SECRET_KEY, "base64");
  if (e.DATABASE_URL && e.NODE_ENV === "production") {
    throw new Error("CONNECTION_SECRET_KEY must be set when running in production on PostgreSQL.");
  }
  const dir = e.PGLITE_DATA_DIR.startsWith("memory://")
    ? path.resolve(".data")
    : path.dirname(path.resolve(e.PGLITE_DATA_DIR));
  const file = path.join(dir, "connection-secret-key");
  const read = () => {
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold base64 of 32 bytes.`);
    return key;
  };
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    fs.mkdirSync(dir, { recursive: true });
    const key = crypto.randomBytes(32);
    try {
      fs.writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      return read(); // another process wrote it first
    }
  }
}
