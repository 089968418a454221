import { expect, test } from "@playwright/test";
import { RuntimeClient } from "../lib/runtime-client";
import { ACME, signIn } from "./helpers";

test("runtime in the loop: proposed → in the open queue without reload → approved → waitForDecision → outcome in history", async ({ page, request, baseURL }) => {
  test.slow();
  const fx = (await (await request.post("/api/test/fixtures")).json()) as { personaId: string; personaName: string; token: string };
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });

  await signIn(page, ACME.reviewer.email, undefined, { to: "/reviews" });
  await page.getByLabel("Persona").waitFor();

  const { action } = await client.proposeAction({
    persona: fx.personaId,
    action: "planning.create_plan",
    input: { goal: "Plan the onboarding call", steps: ["agenda", "invite"] },
    reason: "The customer asked for an onboarding plan",
  });
  expect(action).toMatchObject({ status: "pending", reasonCode: "policy_review", requiredApprovals: 1 });

  // The open queue shows it by itself (live polling), no reload.
  const row = page.getByRole("region", { name: "Pending actions" }).getByRole("row").filter({ hasText: fx.personaName });
  await expect(row).toBeVisible({ timeout: 10_000 });

  const decision = client.waitForDecision(action.id, 30_000);
  await row.getByRole("link", { name: "planning.create_plan" }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved. The runtime may go ahead.")).toBeVisible();
  expect((await decision).status).toBe("approved");

  await client.reportOutcome(action.id, { status: "succeeded", output: { planId: "p-1" } });
  await page.goto("/reviews/history?status=succeeded");
  await expect(page.getByRole("region", { name: "Action history" }).getByRole("row").filter({ hasText: fx.personaName })).toContainText("reviewers");
});

test("an action past its TTL cannot be approved and reads expired on the runtime API", async ({ page, request, baseURL }) => {
  const fx = (await (await request.post("/api/test/fixtures", { data: { reviewTtlSeconds: 1 } })).json()) as { personaId: string; token: string };
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });
  const { action } = await client.proposeAction({ persona: fx.personaId, action: "memory.write", input: { key: "k", value: 1 } });
  expect(action.status).toBe("pending");
  // Past its TTL the runtime API reads it as expired (fail closed).
  await expect.poll(async () => (await client.getAction(action.id)).status, { timeout: 10_000 }).toBe("expired");

  await signIn(page, ACME.reviewer.email, undefined, { to: `/reviews/${action.id}` });
  const approve = page.getByRole("button", { name: "Approve" });
  if (await approve.count()) {
    // Approving now expires it instead — or the server's sweep got there first and says so.
    await approve.click();
    await expect(page.getByText(/This action expired before it was decided|^Already expired by/).first()).toBeVisible();
  }
  await page.reload();
  await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  expect((await client.getAction(action.id)).status).toBe("expired");
});
