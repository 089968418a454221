import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

export const RUNTIME_BASE_PATH = "/api/runtime/v1";

/**
 * Mount point of the runtime gateway (../shared/runtime-api.md). It runs before
 * Next's request handler, in the same process. The endpoints arrive with the
 * "Runtime gateway" issue; until then every path answers an honest problem+json 404.
 */
export async function handleRuntimeRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: "https://persona-console.dev/problems/not_found",
    title: "Not found",
    status: 404,
    detail: `No runtime endpoint at ${req.method} ${req.url}.`,
  });
  res.writeHead(404, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": requestId,
  });
  res.end(body);
}
