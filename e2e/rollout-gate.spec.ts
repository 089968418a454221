import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACME, signIn, signedInPage } from "./helpers";

interface Fixture {
  spaceId: string;
  spaceName: string;
  personaId: string;
  personaName: string;
  appName: string;
  tokens: { sandbox?: string; production?: string };
}

async function fixture(request: APIRequestContext, scenario: "passing" | "failing" | "bounded"): Promise<Fixture> {
  const res = await request.post("/api/test/rollout-persona", { data: { scenario } });
  expect(res.status()).toBe(200);
  return (await res.json()) as Fixture;
}

async function manifestStage(request: APIRequestContext, f: Fixture): Promise<string> {
  const res = await request.get(`/api/runtime/v1/manifest?persona=${f.personaId}`, { headers: { authorization: `Bearer ${f.tokens.sandbox}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { persona: { stage: string } }).persona.stage;
}

async function propose(request: APIRequestContext, token: string, personaId: string, action: string, input: unknown) {
  const res = await request.post("/api/runtime/v1/actions", { headers: { authorization: `Bearer ${token}` }, data: { persona: personaId, action, input } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { status: string; reasonCode: string };
}

async function openRollout(page: Page, f: Fixture) {
  await page.goto(`/rollouts/${f.personaId}`);
  await expect(page.getByRole("heading", { name: `${f.personaName} · rollout`, level: 1 })).toBeVisible();
}

test("a backdated persona whose gate passes: operator requests, owner signs off, the manifest reports the new stage, production can be enabled", async ({ page, browser, request }) => {
  test.slow();
  const f = await fixture(request, "passing");
  expect(await manifestStage(request, f)).toBe("pilot");

  await signIn(page, ACME.operator.email, undefined, { to: `/spaces/${f.spaceId}/personas/${f.personaId}/capabilities` });
  // At Pilot, production is out of bounds: the toggle cannot be pressed.
  await expect(page.getByRole("region", { name: "Knowledge search", exact: true }).getByRole("button", { name: "Knowledge search in production" })).toBeDisabled();

  await openRollout(page, f);
  await expect(page.getByText("Every criterion passes: ready to advance.")).toBeVisible();
  const criteria = page.getByRole("list", { name: "Gate criteria" });
  await expect(criteria.getByText("25 actions reviewed at this stage, 20 needed")).toBeVisible();
  // Each criterion has its evidence chart and the numbers behind it.
  await expect(criteria.getByRole("img", { name: /^Reviewed actions at this stage, .* threshold 20 actions\.$/ })).toBeVisible();
  await criteria.getByText("Numbers for Reviewed actions at this stage").click();
  await expect(criteria.getByRole("table", { name: /Reviewed actions at this stage per day/ }).getByRole("row")).toHaveCount(31);

  await page.getByLabel("Why advance to Bounded production?").fill("Three weeks of clean plans in sandbox.");
  await page.getByRole("button", { name: "Request Bounded production" }).click();
  await expect(page.getByRole("heading", { name: "Advance to Bounded production waits for sign-off" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Sign off/ })).toHaveCount(0);

  const owner = await signedInPage(browser, ACME.owner.email, `/rollouts/${f.personaId}`);
  await owner.getByLabel("Sign-off note").fill("Evidence looks good.");
  await owner.getByRole("button", { name: "Sign off Bounded production" }).click();
  await expect(owner.getByText("Signed off: now at Bounded production.")).toBeVisible();
  await expect(owner.getByRole("heading", { name: "Gate to Broad exposure" })).toBeVisible();
  await owner.context().close();

  // The runtime sees the new stage on its next request.
  expect(await manifestStage(request, f)).toBe("bounded_production");

  // A capability the higher stage newly allows can be enabled.
  await page.goto(`/spaces/${f.spaceId}/personas/${f.personaId}/capabilities`);
  const toggle = page.getByRole("region", { name: "Knowledge search", exact: true }).getByRole("button", { name: "Knowledge search in production" });
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
});

test("a failing gate cannot advance and the page lists why; an owner override is recorded as an override", async ({ page, browser, request }) => {
  test.slow();
  const f = await fixture(request, "failing");
  await signIn(page, ACME.operator.email, undefined, { to: `/rollouts/${f.personaId}` });
  const criteria = page.getByRole("list", { name: "Gate criteria" });
  await expect(criteria.getByRole("listitem").filter({ hasText: "At least 20 reviewed actions at this stage fails" })).toContainText("0 actions reviewed at this stage, 20 needed");
  await expect(criteria.getByRole("listitem").filter({ hasText: "At least 7 days at this stage fails" })).toBeVisible();
  await expect(page.getByText("The gate must pass before you can request Bounded production.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Request / })).toHaveCount(0);

  const owner = await signedInPage(browser, ACME.owner.email, `/rollouts/${f.personaId}`);
  await owner.getByLabel("Why advance to Bounded production?").fill("Launch date with the customer.");
  await owner.getByLabel("Override justification (the gate fails)").fill("Reviewed every plan by hand; risk accepted.");
  await owner.getByRole("button", { name: "Override and request Bounded production" }).click();
  await expect(owner.getByRole("heading", { name: "Advance to Bounded production waits for sign-off" })).toBeVisible();
  // The sole owner signs off their own request: that needs a justification too, and is an override.
  await owner.getByLabel("Sign-off note").fill("Going ahead.");
  await owner.getByRole("button", { name: "Sign off Bounded production" }).click();
  await expect(owner.getByText("Say why you sign off your own request.")).toBeVisible();
  await owner.getByLabel("Override justification").fill("Only owner; customer commitment.");
  await owner.getByRole("button", { name: "Sign off Bounded production" }).click();
  await expect(owner.getByText("Signed off: now at Bounded production.")).toBeVisible();
  const entry = owner.getByRole("listitem").filter({ hasText: "Advance: Pilot → Bounded production" });
  await expect(entry.getByText("override", { exact: true })).toBeVisible();
  await expect(entry).toContainText("justification: “Only owner; customer commitment.”");
  await entry.getByText("Gate at the time: failed").click();
  await expect(entry.getByRole("list", { name: "Gate values at the time" })).toContainText("0 actions reviewed at this stage");
  await owner.context().close();
  expect(await manifestStage(request, f)).toBe("bounded_production");
});

test("an owner edits the space's gate thresholds and the gate follows; operators neither see the form nor get past the server", async ({ page, browser, request }) => {
  test.slow();
  const f = await fixture(request, "failing");
  await signIn(page, ACME.owner.email, undefined, { to: `/rollouts/${f.personaId}` });
  await expect(page.getByText("Computed live from this persona's record.")).toBeVisible();
  const form = page.getByRole("form", { name: "Pilot → Bounded production" });
  await expect(form.getByLabel("Reviewed actions at the stage, at least (actions)")).toHaveValue("20");
  await expect(form.getByText("Default: 20")).toBeVisible();

  // Bad input: field errors, nothing saved.
  await form.getByLabel("Reviewed actions at the stage, at least (actions)").fill("-1");
  await form.getByLabel("Approval rate, at least (%)").fill("101");
  await form.getByRole("button", { name: "Save Pilot → Bounded production gate" }).click();
  await expect(form.getByText("The number of reviewed actions cannot be negative")).toBeVisible();
  await expect(form.getByText("The approval rate can be at most 100")).toBeVisible();

  for (const [label, value] of [["Reviewed actions at the stage, at least (actions)", "0"], ["Approval rate, at least (%)", "0"], ["Days at the stage, at least (days)", "0"]] as const) {
    await form.getByLabel(label).fill(value);
  }
  const submitted = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await form.getByRole("button", { name: "Save Pilot → Bounded production gate" }).click();
  const call = await submitted;
  await expect(page.getByText("Gate thresholds for Pilot → Bounded production saved.")).toBeVisible();
  await expect(page.getByText("Every criterion passes: ready to advance.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Pilot → Bounded production" }).getByText("changed in this space")).toBeVisible();

  // The operator sees the gate pass with the space's thresholds, but no thresholds form.
  const operator = await signedInPage(browser, ACME.operator.email, `/rollouts/${f.personaId}`);
  await expect(operator.getByText("Every criterion passes: ready to advance.")).toBeVisible();
  await expect(operator.getByRole("heading", { name: "Gate thresholds" })).toHaveCount(0);
  await operator.goto(`/spaces/${f.spaceId}/settings`);
  await expect(operator.getByRole("heading", { name: "Space settings", level: 1 })).toBeVisible();
  await expect(operator.getByRole("heading", { name: "Gate thresholds" })).toHaveCount(0);
  // Replaying the owner's server action call with the operator's session is refused by the server.
  // (The operator's context adds the operator's session cookie; the owner's is not copied.)
  const headers = Object.fromEntries(Object.entries(call.headers()).filter(([k]) => k.toLowerCase() !== "cookie"));
  const replay = await operator.request.fetch(call.url(), { method: "POST", headers, data: call.postDataBuffer() ?? undefined });
  expect(await replay.text()).toContain("You do not have permission to do that.");
  await operator.context().close();

  // Back to a stricter gate from the space settings page: the gate fails again.
  await page.goto(`/spaces/${f.spaceId}/settings`);
  const settingsForm = page.getByRole("form", { name: "Pilot → Bounded production" });
  await settingsForm.getByLabel("Reviewed actions at the stage, at least (actions)").fill("5");
  await settingsForm.getByRole("button", { name: "Save Pilot → Bounded production gate" }).click();
  await expect(page.getByText("Gate thresholds for Pilot → Bounded production saved.")).toBeVisible();
  await openRollout(page, f);
  await expect(page.getByRole("list", { name: "Gate criteria" }).getByRole("listitem").filter({ hasText: "At least 5 reviewed actions at this stage fails" })).toBeVisible();
});

test("rollback preview lists the grants that change; afterwards the runtime is denied or queued; a re-advance can restore them", async ({ page, browser, request }) => {
  test.slow();
  const f = await fixture(request, "bounded");
  const sandbox = f.tokens.sandbox!;
  const production = f.tokens.production!;
  expect(await propose(request, sandbox, f.personaId, "planning.create_plan", { goal: "Before the rollback" })).toMatchObject({ status: "approved", reasonCode: "policy_allow" });
  expect(await propose(request, production, f.personaId, "memory.read", { key: "greeting" })).toMatchObject({ status: "approved", reasonCode: "policy_allow" });

  await signIn(page, ACME.operator.email, undefined, { to: `/rollouts/${f.personaId}` });
  await page.getByRole("button", { name: "Roll back to Pilot" }).click();
  const dialog = page.getByRole("dialog");
  const changes = dialog.getByRole("region", { name: "What changes" });
  await expect(changes.getByText(/^memory in production: disabled/)).toBeVisible();
  await expect(changes.getByText(/^messaging in production: disabled/)).toBeVisible();
  await expect(changes.getByText("planning.create_plan in sandbox: allow → review")).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: f.appName })).toBeChecked();
  await dialog.getByLabel("Reason").fill("Wrong answers in production.");
  await dialog.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(page.getByText("Rolled back to Pilot.")).toBeVisible();

  // The runtime's next request sees Pilot: production is out, the plan waits for review.
  expect(await propose(request, production, f.personaId, "memory.read", { key: "greeting" })).toMatchObject({ status: "denied", reasonCode: "environment_not_allowed" });
  expect(await propose(request, sandbox, f.personaId, "planning.create_plan", { goal: "After the rollback" })).toMatchObject({ status: "pending", reasonCode: "policy_review" });

  // The sole owner re-advances (override: 0 days at Pilot) and restores the grants from before the rollback.
  const owner = await signedInPage(browser, ACME.owner.email, `/rollouts/${f.personaId}`);
  await owner.getByLabel("Why advance to Bounded production?").fill("Fix shipped.");
  await owner.getByLabel("Override justification (the gate fails)").fill("The rollback was for a bug that is fixed.");
  await owner.getByRole("button", { name: "Override and request Bounded production" }).click();
  const restoreList = owner.getByRole("list", { name: "Grants that will be restored" });
  await expect(restoreList.getByText(/^Memory in production: enabled again/)).toBeVisible();
  await expect(restoreList.getByText(/^Planning in sandbox: .*planning.create_plan review → allow/)).toBeVisible();
  await owner.getByRole("checkbox", { name: /^Restore the grants from before the rollback on / }).check();
  await owner.getByLabel("Sign-off note").fill("Restoring.");
  await owner.getByLabel("Override justification").fill("Only owner; bug fixed.");
  await owner.getByRole("button", { name: "Sign off Bounded production" }).click();
  await expect(owner.getByText("Signed off: now at Bounded production.")).toBeVisible();
  await owner.context().close();
  expect(await propose(request, production, f.personaId, "memory.read", { key: "greeting" })).toMatchObject({ status: "approved", reasonCode: "policy_allow" });
  expect(await propose(request, sandbox, f.personaId, "planning.create_plan", { goal: "Restored" })).toMatchObject({ status: "approved", reasonCode: "policy_allow" });
});
