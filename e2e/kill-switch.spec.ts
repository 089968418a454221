import { expect, test, type Page, type Request } from "@playwright/test";
import { ACME, createPersona, createSpace, signIn, signedInPage, uniqueName } from "./helpers";

/** The row of a persona in the space overview's Personas table. */
function personaRow(page: Page, name: string) {
  return page.getByRole("main").getByRole("row").filter({ hasText: name });
}

test("operator pauses a persona from the space page in two clicks, sees Paused everywhere, resumes with a note", async ({ page }) => {
  const spaceName = uniqueName("Kill switch space");
  const persona = uniqueName("Ks persona");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const spacePath = await createSpace(page, spaceName, { environments: ["sandbox", "staging"] });
  const personaPath = await createPersona(page, persona, { purpose: "Answers questions in the e2e spec." });
  await expect(page.getByRole("main").getByText("Active", { exact: true }).first()).toBeVisible();

  // From the space page: click 1 opens the dialog, the reason is required, click 2 pauses.
  await page.goto(spacePath);
  await personaRow(page, persona).getByRole("button", { name: `Pause ${persona}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Pause ${persona}?` });
  await dialog.getByRole("button", { name: "Pause persona" }).click();
  await expect(dialog.getByLabel("Reason for pausing")).toHaveAccessibleDescription(/Enter a reason/);
  await dialog.getByLabel("Reason for pausing").fill("Odd replies seen in staging");
  await dialog.getByRole("button", { name: "Pause persona" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(personaRow(page, persona).getByText("Paused", { exact: true })).toBeVisible();
  await expect(personaRow(page, persona).getByRole("button", { name: `Resume ${persona}` })).toBeVisible();

  // Paused everywhere the persona appears: the spaces list, home, rollouts, its own page.
  await page.goto("/spaces");
  await expect(page.getByRole("listitem").filter({ hasText: persona }).getByText("Paused", { exact: true }).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: persona }).getByText("Paused", { exact: true })).toBeVisible();
  await page.goto(personaPath);
  const incident = page.getByRole("region", { name: "Paused: open incident" });
  await expect(incident.getByText("Odd replies seen in staging")).toBeVisible();
  await expect(incident.getByText(ACME.operator.name, { exact: false })).toBeVisible();

  // Resume needs a resolution note.
  await page.getByRole("button", { name: `Resume ${persona}` }).click();
  const resume = page.getByRole("alertdialog", { name: `Resume ${persona}?` });
  await resume.getByRole("button", { name: "Resume persona" }).click();
  await expect(resume.getByLabel("Resolution note")).toHaveAccessibleDescription(/Enter a reason/);
  await resume.getByLabel("Resolution note").fill("Prompt fixed and checked in staging");
  await resume.getByRole("button", { name: "Resume persona" }).click();
  await expect(resume).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Paused: open incident" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Pause ${persona}` })).toBeVisible();
});

test("operator pauses all personas of a space at once", async ({ page }) => {
  const spaceName = uniqueName("Pause all space");
  const names = [uniqueName("Pa one"), uniqueName("Pa two")];
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const spacePath = await createSpace(page, spaceName);
  for (const n of names) {
    await page.goto(spacePath);
    await createPersona(page, n);
  }
  await page.goto(spacePath);
  await page.getByRole("button", { name: "Pause all personas" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Pause all personas of ${spaceName}?` });
  await dialog.getByLabel("Reason for pausing").fill("Security review of the whole space");
  await dialog.getByRole("button", { name: "Pause all personas" }).click();
  await expect(dialog).toHaveCount(0);
  for (const n of names) await expect(personaRow(page, n).getByText("Paused", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause all personas" })).toHaveCount(0);
});

test("viewer and reviewer see no pause control, and a direct server action call by a viewer is refused", async ({ page, browser }) => {
  // An operator pauses their own persona; the browser's server action request is kept to replay.
  const operator = await signedInPage(browser, ACME.operator.email, "/spaces/new");
  await createSpace(operator, uniqueName("Replay space"));
  const ownPersonaPath = await createPersona(operator, uniqueName("Replay persona"));
  const [, ownSpaceId, ownPersonaId] = /\/spaces\/([0-9a-f-]{36})\/personas\/([0-9a-f-]{36})$/.exec(ownPersonaPath)!;
  await operator.getByRole("button", { name: /^Pause / }).click();
  await operator.getByLabel("Reason for pausing").fill("capture");
  const requestPromise = operator.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]);
  await operator.getByRole("button", { name: "Pause persona" }).click();
  const captured = await requestPromise;
  const actionId = captured.headers()["next-action"]!;
  const body = captured.postData()!;
  expect(body).toContain(ownPersonaId);
  await operator.context().close();

  for (const role of ["reviewer", "viewer"] as const) {
    const p = role === "viewer" ? page : await signedInPage(browser, ACME[role].email, "/spaces");
    if (role === "viewer") await signIn(p, ACME.viewer.email, undefined, { to: "/spaces" });
    await p.getByRole("list", { name: "Spaces" }).getByRole("link", { name: "Customer Support", exact: true }).click();
    await expect(p.getByRole("heading", { level: 1, name: "Customer Support" })).toBeVisible();
    await expect(p.getByRole("button", { name: /^Pause / })).toHaveCount(0);
    await expect(p.getByRole("button", { name: "Pause all personas" })).toHaveCount(0);
    await expect(p.getByRole("link", { name: "New persona" })).toHaveCount(0);
    await p.getByRole("main").getByRole("table").getByRole("link", { name: "Ava", exact: true }).click();
    await expect(p.getByRole("heading", { level: 1, name: "Ava" })).toBeVisible();
    await expect(p.getByRole("button", { name: /^(Pause|Resume) / })).toHaveCount(0);
    await expect(p.getByRole("link", { name: "Edit" })).toHaveCount(0);
    if (role !== "viewer") await p.context().close();
  }

  // The viewer replays the pause request against Ava directly: the server refuses.
  const [, spaceId, personaId] = /\/spaces\/([0-9a-f-]{36})\/personas\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)!;
  const forged = body.replaceAll(ownSpaceId!, spaceId!).replaceAll(ownPersonaId!, personaId!).replace("capture", "forged by a viewer");
  const response = await page.request.post(page.url(), {
    headers: { "next-action": actionId, accept: "text/x-component", "content-type": captured.headers()["content-type"] ?? "text/plain;charset=UTF-8" },
    data: forged,
  });
  const text = await response.text();
  expect(text).toContain("You do not have permission to do that.");
  await page.reload();
  await expect(page.getByRole("region", { name: "Paused: open incident" })).toHaveCount(0);
  await expect(page.getByRole("main").getByText("Paused", { exact: true })).toHaveCount(0);
});
