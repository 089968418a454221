/**
 * The one place runtime API errors are built: RFC 9457 problem+json.
 * Handlers throw an {@link HttpProblem}; the app's error handler renders it.
 */
export const PROBLEM_BASE = "https://persona-console.dev/problems";

export interface FieldProblem {
  path: string;
  message: string;
}

const TITLES: Record<number, [code: string, title: string]> = {
  400: ["bad_request", "Request body is not valid JSON"],
  401: ["unauthorized", "Missing or invalid runtime token"],
  403: ["forbidden", "Not allowed now"],
  404: ["not_found", "Not found"],
  409: ["conflict", "Conflict"],
  412: ["precondition_failed", "Precondition failed"],
  413: ["payload_too_large", "Request body too large"],
  415: ["unsupported_media_type", "Request body must be JSON"],
  422: ["validation_failed", "Request does not match the schema"],
  429: ["rate_limited", "Too many requests"],
  500: ["internal", "Internal error"],
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export class HttpProblem extends Error {
  readonly body: ProblemBody;
  constructor(
    readonly status: number,
    detail?: string,
    opts: { errors?: FieldProblem[]; headers?: Record<string, string>; code?: string; title?: string; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? TITLES[status]?.[1] ?? "Error");
    const [code, title] = TITLES[status] ?? ["error", "Error"];
    this.body = {
      type: `${PROBLEM_BASE}/${opts.code ?? code}`,
      title: opts.title ?? title,
      status,
      ...(detail ? { detail } : {}),
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...opts.extra,
    };
    this.headers = opts.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** The Response for a problem (headers added by the app's middleware too). */
export function problemResponse(p: HttpProblem, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p.body), {
    status: p.status,
    headers: { "content-type": "application/problem+json", ...p.headers, ...extraHeaders },
  });
}

export const unauthorized = (detail: string) =>
  new HttpProblem(401, detail, { headers: { "www-authenticate": 'Bearer realm="persona-runtime"' } });
export const notFound = (what = "The resource") => new HttpProblem(404, `${what} was not found.`);
export const validation = (errors: FieldProblem[], detail = "The request does not match the schema.") =>
  new HttpProblem(422, detail, { errors });
