/**
 * Typed client of the Persona Console runtime API (contract v1, ../shared/runtime-api.md).
 * Plain `fetch`, no Next.js or database imports: usable from any Node/TS runtime.
 *
 *   const console = new RuntimeClient({ baseUrl: "https://console.example", token: "prt_…" });
 *   const { action } = await console.proposeAction({ persona, action: "crm.update_contact", input });
 *   const decided = await console.waitForDecision(action.id, 60_000);
 */

export type Environment = "sandbox" | "staging" | "production";
export type Policy = "deny" | "review" | "allow";
export type ActionStatus = "pending" | "approved" | "rejected" | "denied" | "expired" | "cancelled" | "succeeded" | "failed";
export type ReasonCode =
  | "policy_allow"
  | "policy_review"
  | "stage_requires_review"
  | "persona_paused"
  | "environment_not_allowed"
  | "unknown_action"
  | "capability_disabled"
  | "stage_bound"
  | "action_denied";

export interface Whoami {
  tenant: { id: string; name: string };
  space: { id: string; name: string };
  app: { id: string; name: string };
  environment: Environment;
  token: { name: string; expiresAt: string | null; graceEndsAt: string | null };
}

export interface ManifestAction {
  key: string;
  risk: "low" | "medium" | "high";
  effect: "read" | "write";
  policy: Policy;
  inputSchema: Record<string, unknown>;
}
export interface Manifest {
  persona: { id: string; name: string; status: "active" | "paused"; stage: string };
  space: { id: string; name: string };
  app: { id: string; name: string };
  environment: Environment;
  capabilities: { key: string; kind: "builtin" | "connected"; enabled: boolean; actions: ManifestAction[] }[];
}

export interface ProposeActionRequest {
  persona: string;
  action: string;
  input?: Record<string, unknown>;
  onBehalfOf?: string;
  reason?: string;
  idempotencyKey?: string;
}
export interface ProposedAction {
  id: string;
  status: "approved" | "pending" | "denied";
  reasonCode: ReasonCode;
  decidedBy: "policy" | null;
  requiredApprovals: number;
  expiresAt: string | null;
  createdAt: string;
}
export interface RuntimeAction {
  id: string;
  persona: string;
  action: string;
  status: ActionStatus;
  reasonCode: ReasonCode;
  decidedBy: "policy" | "reviewers" | "system" | null;
  requiredApprovals: number;
  reviews: { decision: "approve" | "reject"; comment: string | null; at: string }[];
  decidedAt: string | null;
  expiresAt: string | null;
  outcome: { status: "succeeded" | "failed"; at: string } | null;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface MemoryItem<V = unknown> {
  key: string;
  value: V;
  version: number;
  updatedAt: string;
}
export interface Outcome {
  status: "succeeded" | "failed";
  output?: Record<string, unknown>;
  error?: string;
}
export interface HeartbeatResult {
  personas: { id: string; status: "active" | "paused"; manifestEtag: string }[];
}

/** An RFC 9457 problem as the gateway sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

/** A non-2xx answer of the gateway, carrying its problem+json. */
export class RuntimeApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly requestId: string | null,
    /** Seconds from Retry-After (429). */
    readonly retryAfter: number | null,
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`);
    this.name = "RuntimeApiError";
  }
  /** The problem code (the last segment of `type`), e.g. `rate_limited`. */
  get code(): string {
    return this.problem.type.split("/").pop() ?? "";
  }
}
export class UnauthorizedError extends RuntimeApiError {}
export class ForbiddenError extends RuntimeApiError {}
export class NotFoundError extends RuntimeApiError {}
export class ConflictError extends RuntimeApiError {}
export class PreconditionFailedError extends RuntimeApiError {}
export class ValidationError extends RuntimeApiError {}
export class RateLimitedError extends RuntimeApiError {}

const ERRORS: Record<number, typeof RuntimeApiError> = {
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: ValidationError,
  429: RateLimitedError,
};

export interface RuntimeClientOptions {
  /** Where the console runs, e.g. `http://localhost:3000` (the API base path is added). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Retries of a 429 answer, honouring Retry-After (default 2). */
  maxRateLimitRetries?: number;
}

export const RUNTIME_API_PATH = "/api/runtime/v1";
const TERMINAL: ReadonlySet<ActionStatus> = new Set(["rejected", "denied", "expired", "cancelled", "succeeded", "failed"]);

export class RuntimeClient {
  private readonly base: string;
  private readonly f: typeof fetch;
  private readonly retries: number;

  constructor(private readonly opts: RuntimeClientOptions) {
    this.base = `${opts.baseUrl.replace(/\/+$/, "")}${RUNTIME_API_PATH}`;
    this.f = opts.fetch ?? fetch;
    this.retries = opts.maxRateLimitRetries ?? 2;
  }

  private async call<T>(
    method: string,
    path: string,
    opts: { body?: unknown; query?: Record<string, string | number | undefined>; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token}`, accept: "application/json", ...opts.headers };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 0; ; attempt++) {
      const res = await this.f(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
      if (res.status === 304 || res.status === 204) return { status: res.status, body: undefined as T, headers: res.headers };
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (res.ok) return { status: res.status, body: parsed as T, headers: res.headers };
      const retryAfter = res.headers.get("retry-after") ? Number(res.headers.get("retry-after")) : null;
      if (res.status === 429 && attempt < this.retries) {
        await new Promise((r) => setTimeout(r, Math.min(5, retryAfter ?? 1) * 1000));
        continue;
      }
      const problem = (parsed as Problem | undefined) ?? { type: "about:blank", title: res.statusText || "Error", status: res.status };
      const E = ERRORS[res.status] ?? RuntimeApiError;
      throw new E(res.status, problem, res.headers.get("x-request-id"), retryAfter);
    }
  }

  async whoami(): Promise<Whoami> {
    return (await this.call<Whoami>("GET", "/whoami")).body;
  }

  /** The manifest; with the ETag you hold, `{ notModified: true }` when it did not change. */
  async manifest(
    personaId: string,
    opts: { etag?: string } = {},
  ): Promise<{ notModified: false; manifest: Manifest; etag: string } | { notModified: true; etag: string }> {
    const r = await this.call<Manifest>("GET", "/manifest", {
      query: { persona: personaId },
      headers: opts.etag ? { "if-none-match": opts.etag } : {},
    });
    const etag = r.headers.get("etag") ?? "";
    return r.status === 304 ? { notModified: true, etag } : { notModified: false, manifest: r.body, etag };
  }

  /** Propose an action; `replayed` when an idempotency key returned the first answer. */
  async proposeAction(req: ProposeActionRequest): Promise<{ action: ProposedAction; replayed: boolean }> {
    const r = await this.call<ProposedAction>("POST", "/actions", { body: req });
    return { action: r.body, replayed: r.headers.get("idempotent-replayed") === "true" };
  }

  async getAction(id: string, opts: { waitSeconds?: number; signal?: AbortSignal } = {}): Promise<RuntimeAction> {
    return (await this.call<RuntimeAction>("GET", `/actions/${encodeURIComponent(id)}`, { query: { waitSeconds: opts.waitSeconds }, signal: opts.signal })).body;
  }

  async listActions(personaId: string, opts: { status?: ActionStatus[]; cursor?: string; limit?: number } = {}): Promise<Page<RuntimeAction>> {
    return (
      await this.call<Page<RuntimeAction>>("GET", "/actions", {
        query: { persona: personaId, status: opts.status?.join(","), cursor: opts.cursor, limit: opts.limit },
      })
    ).body;
  }

  /**
   * Wait (long-poll, up to 30 s per request) until the action is no longer pending or
   * `timeoutMs` passes; returns its latest state either way.
   */
  async waitForDecision(id: string, timeoutMs: number): Promise<RuntimeAction> {
    const deadline = Date.now() + timeoutMs;
    let action = await this.getAction(id);
    while (action.status === "pending") {
      const left = deadline - Date.now();
      if (left <= 0) break;
      action = await this.getAction(id, { waitSeconds: Math.max(1, Math.min(30, Math.floor(left / 1000))) });
    }
    return action;
  }

  async cancelAction(id: string): Promise<RuntimeAction> {
    return (await this.call<RuntimeAction>("POST", `/actions/${encodeURIComponent(id)}/cancel`)).body;
  }

  /** Report the outcome of an approved action; an identical repeat is a safe retry. */
  async reportOutcome(id: string, outcome: Outcome): Promise<RuntimeAction> {
    return (await this.call<RuntimeAction>("POST", `/actions/${encodeURIComponent(id)}/outcome`, { body: outcome })).body;
  }

  async heartbeat(hb: { instanceId: string; version?: string; personas: string[] }): Promise<HeartbeatResult> {
    return (await this.call<HeartbeatResult>("POST", "/heartbeat", { body: hb })).body;
  }

  readonly memory = {
    get: async <V = unknown>(personaId: string, key: string): Promise<MemoryItem<V> | null> => {
      try {
        return (await this.call<MemoryItem<V>>("GET", `/memory/${encodeKey(key)}`, { query: { persona: personaId } })).body;
      } catch (e) {
        if (e instanceof NotFoundError && e.code === "not_found" && /memory item/.test(e.problem.detail ?? "")) return null;
        throw e;
      }
    },
    put: async <V = unknown>(personaId: string, key: string, value: V, opts: { ifMatch?: number } = {}): Promise<MemoryItem<V>> =>
      (
        await this.call<MemoryItem<V>>("PUT", `/memory/${encodeKey(key)}`, {
          query: { persona: personaId },
          body: { value },
          headers: opts.ifMatch !== undefined ? { "if-match": `"${opts.ifMatch}"` } : {},
        })
      ).body,
    delete: async (personaId: string, key: string, opts: { ifMatch?: number } = {}): Promise<void> => {
      await this.call<void>("DELETE", `/memory/${encodeKey(key)}`, {
        query: { persona: personaId },
        headers: opts.ifMatch !== undefined ? { "if-match": `"${opts.ifMatch}"` } : {},
      });
    },
    list: async (personaId: string, opts: { prefix?: string; cursor?: string; limit?: number } = {}): Promise<Page<MemoryItem>> =>
      (await this.call<Page<MemoryItem>>("GET", "/memory", { query: { persona: personaId, ...opts } })).body,
  };

  /** True for a status that will not change any more. */
  static isFinal(status: ActionStatus): boolean {
    return TERMINAL.has(status);
  }
}

/** Keys may contain `/`; each segment is encoded, the slashes kept. */
function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}
