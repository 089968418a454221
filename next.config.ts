import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM/data files by URL; bundling it breaks that at run time.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // `next dev` must not write an AGENTS.md into the project root.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
