import { describe, expect, it } from "vitest";
import {
  BUILTIN_CAPABILITY_KEYS,
  CATALOG_VERSION,
  CONNECTED_CAPABILITY_TYPES,
  actionInputJsonSchema,
  defaultActionPolicy,
  getCapability,
  getCatalogAction,
  listCapabilities,
  listCatalogActions,
  validateActionInput,
} from "./catalog";
import { EFFECTS, RISKS } from "./constants";

describe("catalog data", () => {
  it("has a stable, non-empty version", () => {
    expect(typeof CATALOG_VERSION).toBe("string");
    expect(CATALOG_VERSION.length).toBeGreaterThan(0);
  });

  it("lists exactly the built-in and connected capabilities, with their kinds", () => {
    expect([...BUILTIN_CAPABILITY_KEYS]).toEqual(["memory", "planning", "scheduling", "messaging", "knowledge_search"]);
    expect([...CONNECTED_CAPABILITY_TYPES]).toEqual(["crm", "ticketing", "email", "calendar", "webhook"]);
    const kinds = Object.fromEntries(listCapabilities().map((c) => [c.key, c.kind]));
    expect(kinds).toEqual({
      memory: "builtin",
      planning: "builtin",
      scheduling: "builtin",
      messaging: "builtin",
      knowledge_search: "builtin",
      crm: "connected",
      ticketing: "connected",
      email: "connected",
      calendar: "connected",
      webhook: "connected",
    });
  });

  it("gives every capability a name, a description and at least one action", () => {
    for (const c of listCapabilities()) {
      expect(c.name.length, c.key).toBeGreaterThan(0);
      expect(c.description.length, c.key).toBeGreaterThan(0);
      expect(c.actions.length, c.key).toBeGreaterThan(0);
    }
  });

  it("keys every action <capability>.<verb_noun>, prefixed by its own capability, uniquely", () => {
    const keys = listCatalogActions().map((r) => r.action.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { action, capability } of listCatalogActions()) {
      expect(action.key).toMatch(/^[a-z][a-z_]*\.[a-z][a-z_]*$/);
      expect(action.key.split(".")[0]).toBe(capability.key);
      expect(action.name.length).toBeGreaterThan(0);
      expect(action.description.length).toBeGreaterThan(0);
      expect(RISKS).toContain(action.risk);
      expect(EFFECTS).toContain(action.effect);
    }
  });

  it("covers every risk × effect combination", () => {
    for (const risk of RISKS) {
      for (const effect of EFFECTS) {
        const found = listCatalogActions().filter((r) => r.action.risk === risk && r.action.effect === effect);
        expect(found.length, `${risk} ${effect}`).toBeGreaterThan(0);
      }
    }
  });

  it("covers several risk × effect combinations in connected capabilities", () => {
    const combos = new Set(
      listCatalogActions()
        .filter((r) => r.capability.kind === "connected")
        .map((r) => `${r.action.risk}/${r.action.effect}`),
    );
    expect(combos).toEqual(
      new Set(["low/read", "medium/read", "medium/write", "high/read", "high/write"]),
    );
  });

  it.each([
    ["crm.lookup_contact", "crm", "low", "read"],
    ["crm.update_contact", "crm", "medium", "write"],
    ["crm.export_contacts", "crm", "high", "read"],
    ["crm.delete_contact", "crm", "high", "write"],
    ["email.send", "email", "high", "write"],
    ["email.read_inbox", "email", "medium", "read"],
    ["webhook.post", "webhook", "high", "write"],
    ["ticketing.create_ticket", "ticketing", "medium", "write"],
    ["ticketing.list_tickets", "ticketing", "medium", "read"],
    ["calendar.read_events", "calendar", "low", "read"],
    ["calendar.create_event", "calendar", "medium", "write"],
    ["memory.read", "memory", "low", "read"],
    ["memory.write", "memory", "low", "write"],
    ["knowledge_search.search", "knowledge_search", "low", "read"],
    ["planning.create_plan", "planning", "low", "write"],
    ["scheduling.schedule_task", "scheduling", "medium", "write"],
    ["messaging.send_message", "messaging", "medium", "write"],
  ] as const)("%s is a %s action, %s risk, %s", (key, capability, risk, effect) => {
    const ref = getCatalogAction(key);
    expect(ref?.capability.key).toBe(capability);
    expect(ref?.action.risk).toBe(risk);
    expect(ref?.action.effect).toBe(effect);
  });
});

describe("lookups", () => {
  it("finds capabilities by key", () => {
    expect(getCapability("crm")?.kind).toBe("connected");
    expect(getCapability("memory")?.kind).toBe("builtin");
  });

  it.each(["", "CRM", "knowledge", "constructor", "__proto__", "toString", "crm.update_contact"])(
    "has no capability %j",
    (key) => {
      expect(getCapability(key)).toBeUndefined();
    },
  );

  it("finds an action with its capability", () => {
    const ref = getCatalogAction("crm.update_contact");
    expect(ref?.action.name).toBe("Update contact");
    expect(ref?.capability.key).toBe("crm");
    expect(ref?.capability.actions).toContain(ref?.action);
  });

  it.each(["", "crm", "crm.", "crm.UPDATE_CONTACT", "knowledge.search", "constructor", "__proto__", "x.y"])(
    "has no action %j",
    (key) => {
      expect(getCatalogAction(key)).toBeUndefined();
    },
  );

  it("lists every capability's actions in catalog order", () => {
    expect(listCatalogActions().map((r) => r.action.key)).toEqual(
      listCapabilities().flatMap((c) => c.actions.map((a) => a.key)),
    );
  });
});

describe("defaultActionPolicy", () => {
  it.each([
    ["low", "read", "allow"],
    ["low", "write", "review"],
    ["medium", "read", "review"],
    ["medium", "write", "review"],
    ["high", "read", "review"],
    ["high", "write", "review"],
  ] as const)("%s %s → %s", (risk, effect, policy) => {
    expect(defaultActionPolicy({ risk, effect })).toBe(policy);
  });
});

describe("actionInputJsonSchema", () => {
  it("describes email.send", () => {
    const schema = actionInputJsonSchema("email.send");
    expect(schema).toMatchObject({
      type: "object",
      properties: {
        to: { type: "string", format: "email" },
        subject: { type: "string" },
        body: { type: "string" },
      },
      required: ["to", "subject", "body"],
    });
  });

  it("describes crm.update_contact as {contactId, fields}", () => {
    const schema = actionInputJsonSchema("crm.update_contact");
    expect(schema).toMatchObject({
      type: "object",
      properties: { contactId: { type: "string" }, fields: { type: "object" } },
      required: ["contactId", "fields"],
    });
  });

  it("does not forbid extra keys (validation allows them too)", () => {
    expect(actionInputJsonSchema("email.send")).not.toHaveProperty("additionalProperties");
  });

  it("is undefined for an unknown action and for an action without input schema", () => {
    expect(actionInputJsonSchema("nope.nothing")).toBeUndefined();
    expect(getCatalogAction("planning.list_plans")?.action.inputSchema).toBeUndefined();
    expect(actionInputJsonSchema("planning.list_plans")).toBeUndefined();
  });

  it("is an object schema for every action that has an input schema", () => {
    for (const { action } of listCatalogActions()) {
      if (!action.inputSchema) continue;
      const schema = actionInputJsonSchema(action.key);
      expect(schema?.type, action.key).toBe("object");
      expect(JSON.parse(JSON.stringify(schema)), action.key).toEqual(schema);
    }
  });

  it("is cached and frozen", () => {
    const a = actionInputJsonSchema("email.send");
    expect(actionInputJsonSchema("email.send")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.properties)).toBe(true);
  });
});

describe("validateActionInput", () => {
  const mail = { to: "ana@example.com", subject: "Hello", body: "Hi Ana" };

  it("accepts a valid input", () => {
    expect(validateActionInput("email.send", mail)).toEqual({ ok: true });
    expect(validateActionInput("crm.update_contact", { contactId: "c_1", fields: { phone: "1" } })).toEqual({ ok: true });
  });

  it("accepts extra keys", () => {
    expect(validateActionInput("email.send", { ...mail, cc: "x" })).toEqual({ ok: true });
  });

  it("reports a bad field with an input.-prefixed path", () => {
    const result = validateActionInput("email.send", { ...mail, to: "not-an-email" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.path).toBe("input.to");
    expect(result.errors[0]?.message).toMatch(/email/i);
  });

  it("reports every missing field as Required", () => {
    const result = validateActionInput("email.send", {});
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "input.to", message: "Required" },
        { path: "input.subject", message: "Required" },
        { path: "input.body", message: "Required" },
      ],
    });
  });

  it("requires a value for memory.write even though it may be any JSON", () => {
    expect(validateActionInput("memory.write", { key: "a" })).toEqual({
      ok: false,
      errors: [{ path: "input.value", message: "Required" }],
    });
    expect(validateActionInput("memory.write", { key: "prefs/lang", value: null })).toEqual({ ok: true });
  });

  it("rejects a memory key outside the allowed characters", () => {
    const result = validateActionInput("memory.read", { key: "has space" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe("input.key");
  });

  it("reports a missing or non-object input at path input", () => {
    expect(validateActionInput("email.send", undefined)).toEqual({
      ok: false,
      errors: [{ path: "input", message: "Required" }],
    });
    const result = validateActionInput("email.send", null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["input"]);
    const arr = validateActionInput("email.send", []);
    expect(arr.ok).toBe(false);
  });

  it("reports nested array items with their index", () => {
    const result = validateActionInput("calendar.create_event", {
      title: "Sync",
      start: "2025-01-01T10:00:00Z",
      end: "2025-01-01T11:00:00Z",
      attendees: ["a@example.com", "nope"],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["input.attendees.1"]);
  });

  it("rejects a blank required string (trimmed)", () => {
    const result = validateActionInput("email.send", { ...mail, subject: "   " });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe("input.subject");
  });

  it("is ok for an unknown action (decided as unknown_action, not a 422)", () => {
    expect(validateActionInput("nope.nothing", { anything: 1 })).toEqual({ ok: true });
  });

  it("is ok for an action without input schema, whatever the input", () => {
    expect(validateActionInput("planning.list_plans", undefined)).toEqual({ ok: true });
    expect(validateActionInput("planning.list_plans", "text")).toEqual({ ok: true });
  });
});
