import { createHash } from "node:crypto";
import { canonicalJson } from "../../lib/canonical-json";
import { actionInputJsonSchema, listCapabilities, CATALOG_VERSION } from "../../lib/domain/catalog";
import { decide } from "../../lib/domain/decide";
import type { Policy } from "../../lib/domain/constants";
import type { RuntimeGrant, RuntimePersona, RuntimeTokenContext } from "../../db/runtime/auth";
import type { z } from "zod";
import type { ManifestResponse } from "./schemas";

export type Manifest = z.output<typeof ManifestResponse>;

const POLICY_OF = { approved: "allow", pending: "review", denied: "deny" } as const satisfies Record<string, Policy>;

/**
 * What a persona may do through this token now. Each action's `policy` is what
 * `decide()` would answer for it (grant capped by the stage ceiling, and deny
 * while paused or outside the allowed environments), so the manifest and the
 * gateway never disagree.
 */
export function buildManifest(token: RuntimeTokenContext, persona: RuntimePersona, grants: RuntimeGrant[]): Manifest {
  const byCap = new Map(grants.map((g) => [g.capabilityKey, g]));
  return {
    persona: { id: persona.id, name: persona.name, status: persona.status, stage: persona.stage },
    space: { id: token.spaceId, name: token.spaceName },
    app: { id: token.appId, name: token.appName },
    environment: token.environment,
    capabilities: listCapabilities().map((cap) => {
      const grant = byCap.get(cap.key) ?? null;
      return {
        key: cap.key,
        kind: cap.kind,
        enabled: grant?.enabled ?? false,
        actions: cap.actions.map((a) => {
          const d = decide({
            persona,
            space: { environments: token.spaceEnvironments, boundsOverride: token.boundsOverride },
            environment: token.environment,
            actionKey: a.key,
            grant,
          });
          return {
            key: a.key,
            risk: a.risk,
            effect: a.effect,
            policy: POLICY_OF[d.status],
            inputSchema: (actionInputJsonSchema(a.key) ?? {}) as Record<string, unknown>,
          };
        }),
      };
    }),
  };
}

/** A strong ETag of the manifest's content (and the catalog version). */
export function manifestEtag(m: Manifest): string {
  return `"${createHash("sha256").update(CATALOG_VERSION).update(canonicalJson(m)).digest("base64url").slice(0, 27)}"`;
}

/** True when an If-None-Match header matches the ETag. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export interface BuiltManifest {
  manifest: Manifest;
  etag: string;
  /** The serialized JSON body, ready to send. */
  body: string;
}

const memo = new Map<string, BuiltManifest>();
const MEMO_MAX = 2_000;

/**
 * The manifest for exactly these inputs, memoised: a pure function of what was read from the
 * database on this request (token's space/app, persona, grants), so it can never be stale.
 */
export function manifestFor(token: RuntimeTokenContext, persona: RuntimePersona, grants: RuntimeGrant[]): BuiltManifest {
  const key = canonicalJson({
    v: CATALOG_VERSION,
    s: [token.spaceId, token.spaceName, token.spaceEnvironments, token.boundsOverride],
    a: [token.appId, token.appName, token.environment],
    p: persona,
    g: [...grants].sort((x, y) => (x.capabilityKey < y.capabilityKey ? -1 : 1)),
  });
  const hit = memo.get(key);
  if (hit) return hit;
  const manifest = buildManifest(token, persona, grants);
  const built = { manifest, etag: manifestEtag(manifest), body: JSON.stringify(manifest) };
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, built);
  return built;
}
