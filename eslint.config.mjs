import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // Only db/ touches Drizzle.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["db/**", "drizzle.config.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite"], message: "Only db/ talks to the database." }] },
      ],
    },
  },
  // Client code never imports the database layer or server-only modules.
  {
    files: ["components/**/*.tsx", "app/**/_components/**/*.tsx", "**/*.client.tsx"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*", "**/db/*"], allowTypeImports: true, message: "Client components must not import db/ (types only via `import type`)." },
            { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite"], message: "Only db/ talks to the database." },
          ],
        },
      ],
    },
  },
];

export default config;
