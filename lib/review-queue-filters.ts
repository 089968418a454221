import { z } from "zod";
import type { PendingFilters } from "../db/queries/console";
import { ENVIRONMENTS, RISKS } from "./domain/constants";

/**
 * The review queue's filters, as they appear in the page URL (/reviews?risk=low&age=24h) and in
 * /api/reviews/queue. The server applies all of them in SQL; the browser never filters rows.
 */
export const QUEUE_AGES = { "1h": 3_600_000, "24h": 86_400_000 } as const;
export type QueueAge = keyof typeof QUEUE_AGES;

export const QueueFilterShape = {
  space: z.uuid({ message: "space must be a space id." }),
  persona: z.uuid({ message: "persona must be a persona id." }),
  app: z.uuid({ message: "app must be an app id." }),
  environment: z.enum(ENVIRONMENTS, { message: `environment must be one of ${ENVIRONMENTS.join(", ")}.` }),
  capability: z.string().min(1).max(200, "capability must be a capability key."),
  risk: z.enum(RISKS, { message: `risk must be one of ${RISKS.join(", ")}.` }),
  age: z.enum(Object.keys(QUEUE_AGES) as [QueueAge, ...QueueAge[]], { message: "age must be 1h or 24h." }),
} as const;

export const QUEUE_FILTER_KEYS = Object.keys(QueueFilterShape) as (keyof typeof QueueFilterShape)[];
export type QueueFilterKey = (typeof QUEUE_FILTER_KEYS)[number];

export const QueueFilterInput = z.object(QueueFilterShape).partial().strict();
export type QueueFilters = z.infer<typeof QueueFilterInput>;

type Params = Pick<URLSearchParams, "get"> | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const v = typeof (params as URLSearchParams).get === "function" ? (params as URLSearchParams).get(key) : (params as Record<string, unknown>)[key];
  if (Array.isArray(v)) return typeof v[0] === "string" && v[0] !== "" ? v[0] : undefined;
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Strict: every filter present must be valid, otherwise the issues (the API answers 400).
 * An empty value means "any", as the page's "Any" option.
 */
export function parseQueueFilters(params: Params): { ok: true; filters: QueueFilters } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (const k of QUEUE_FILTER_KEYS) {
    const v = read(params, k);
    if (v !== undefined) raw[k] = v;
  }
  const r = QueueFilterInput.safeParse(raw);
  if (r.success) return { ok: true, filters: r.data };
  return { ok: false, error: r.error.issues.map((i) => i.message).join(" ") };
}

/** Lenient (the page and the browser): a filter with a bad value reads as "any". */
export function queueFiltersFromUrl(params: Params): QueueFilters {
  const out: Record<string, string> = {};
  for (const k of QUEUE_FILTER_KEYS) {
    const v = read(params, k);
    if (v !== undefined && QueueFilterShape[k].safeParse(v).success) out[k] = v;
  }
  return out as QueueFilters;
}

/** The query string /api/reviews/queue reads (stable key order, so it can key a cache). */
export function queueFiltersToSearch(filters: QueueFilters): string {
  const p = new URLSearchParams();
  for (const k of QUEUE_FILTER_KEYS) {
    const v = filters[k];
    if (v) p.set(k, v);
  }
  return p.toString();
}

/** The URL's filters as the queue query reads them. */
export function toPendingFilters(f: QueueFilters): PendingFilters {
  return {
    spaceId: f.space,
    personaId: f.persona,
    appId: f.app,
    environment: f.environment,
    capabilityKey: f.capability,
    risk: f.risk,
    olderThanMs: f.age ? QUEUE_AGES[f.age] : undefined,
  };
}
