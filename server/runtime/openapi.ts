import { z } from "zod";
import { ROUTES } from "./schemas";

let cached: Record<string, unknown> | undefined;

const uri = (id: string) => `#/components/schemas/${id}`;

/** OpenAPI 3.1 document of the runtime API, generated from the handlers' zod schemas. */
export function openApiDocument(basePath: string): Record<string, unknown> {
  if (cached) return cached;
  const registry = z.globalRegistry;
  // Named schemas (`.meta({ id })`) become components: requests as input, responses as output.
  const asInput = z.toJSONSchema(registry, { io: "input", target: "draft-2020-12", unrepresentable: "any", uri }).schemas;
  const asOutput = z.toJSONSchema(registry, { io: "output", target: "draft-2020-12", unrepresentable: "any", uri }).schemas;
  const components: Record<string, unknown> = {};
  const strip = (j: unknown) => {
    const o = { ...(j as Record<string, unknown>) };
    delete o.$schema;
    delete o.id;
    return o;
  };
  for (const id of Object.keys(asOutput)) components[id] = strip(id.endsWith("Request") ? asInput[id] : asOutput[id]);
  for (const id of Object.keys(asInput)) components[id] ??= strip(asInput[id]);

  const ref = (s: z.ZodType, io: "input" | "output") => {
    const id = registry.get(s)?.id;
    if (id) return { $ref: uri(id) };
    const json = z.toJSONSchema(s, { io, target: "draft-2020-12", unrepresentable: "any" });
    return strip(json);
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters: unknown[] = [];
    for (const [name, s] of Object.entries(r.pathParams ?? {})) {
      parameters.push({ name, in: "path", required: true, schema: ref(s, "input") });
    }
    if (r.query) {
      for (const [name, s] of Object.entries(r.query.shape)) {
        const t = s as z.ZodType;
        parameters.push({ name, in: "query", required: !t.safeParse(undefined).success, schema: ref(t, "input") });
      }
    }
    for (const [name, description] of Object.entries(r.headers ?? {})) {
      parameters.push({ name, in: "header", required: false, description, schema: { type: "string" } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      const type = Number(status) >= 400 ? "application/problem+json" : "application/json";
      responses[status] = resp.schema
        ? { description: resp.description, content: { [type]: { schema: ref(resp.schema, "output") } } }
        : { description: resp.description };
    }
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(r.auth ? { security: [{ bearer: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(r.body, "input") } } } } : {}),
      responses,
    };
  }
  cached = {
    openapi: "3.1.0",
    info: { title: "Persona Console runtime API", version: "1" },
    servers: [{ url: basePath }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Runtime token (prt_…)" } },
      schemas: components,
    },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}
