import { expect, test, type Browser } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const SECRET = "E2E manager-only: watch confidence on pricing";
const OBJECTIVE = "E2E: quantify the pain before any demo";
const ACTION = "E2E: run three discovery calls with a pain funnel";

async function as(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { page, close: () => context.close() };
}

test("a manager coaches a rep, the rep closes the loop, and the next session opens with the plan", async ({ browser }) => {
  // Three sign-ins and two full sessions: longer than one page's journey.
  test.setTimeout(120_000);
  // 1. The manager runs the session from the coaching overview.
  const manager = await as(browser, DEMO.manager);
  await manager.page.goto("/coaching");
  await expect(manager.page.getByRole("heading", { name: "Coaching", exact: true })).toBeVisible();
  await manager.page.getByRole("link", { name: "Start a session with Riley Morgan" }).click();
  await expect(manager.page.getByRole("heading", { name: "Coaching session with Riley Morgan" })).toBeVisible();
  const form = manager.page;

  // The session opens by reviewing last month's plan from the demo history; saving without a verdict is refused.
  await expect(form.getByRole("heading", { name: "1. Review of the previous plan" })).toBeVisible();
  await expect(form.getByTestId("last-behavior")).toContainText(/Last session \(.+\): [1-5]/);
  await form.getByLabel("Behavior rating").selectOption("4");
  await form.getByLabel("Attitude rating").selectOption("3");
  await form.getByLabel("Technique rating").selectOption("2");
  await form.getByLabel("Technique notes").fill("Jumped to the demo before the pain was quantified.");
  await form.getByRole("button", { name: "Add a call review" }).click();
  await form.getByLabel("Call 1 recording link or reference").fill("https://recordings.example/e2e-discovery");
  await form.getByLabel("Call 1 deal").selectOption({ index: 1 });
  await form.getByLabel("Uncovered the real pain").check();
  await form.getByLabel("Just pitched features").check();
  await form.getByLabel("Call 1 strengths").fill("Clear agenda and an up-front contract for the call.");
  await form.getByLabel("Call 1 gaps").fill("No negative reverse when the buyer stalled.");
  await form.getByLabel("Notes for the rep").fill("Good month. Discovery depth is the focus.");
  await form.getByLabel("Manager-only notes").fill(SECRET);
  await form.getByLabel("Objective 1 dimension").selectOption("TECHNIQUE");
  await form.getByLabel("Objective 1 title").fill(OBJECTIVE);
  await form.getByLabel("Objective 1 action 1", { exact: true }).fill(ACTION);

  // A missing success criterion and a missing verdict: field messages, nothing saved.
  await form.getByRole("button", { name: "Save session and plan" }).click();
  await expect(form.getByText("Give a measurable success criterion.")).toBeVisible();
  await expect(form.getByText("Give a verdict on the previous plan.")).toBeVisible();
  await expect(form).toHaveURL(/\/coaching\/sessions\/new/);

  await form.getByLabel("Objective 1 success criterion").fill("Pain quantified in the CRM on 5 of the next 5 discovery calls");
  await form.getByLabel("Verdict on the previous plan").selectOption("PARTLY");
  await form.getByLabel("Review notes").fill("Progress, not all criteria met.");
  await form.getByRole("button", { name: "Save session and plan" }).click();
  await expect(form.getByText("Session and plan saved.")).toBeVisible();
  await expect(form).toHaveURL(/\/coaching\/sessions\/[^/]+\?saved=1$/);
  await expect(form.getByText(SECRET)).toBeVisible();
  const sessionUrl = new URL(form.url()).pathname;
  await manager.close();

  // 2. The rep sees the plan, never the manager-only notes, acknowledges it and marks the action done.
  const rep = await as(browser, DEMO.rep);
  await rep.page.goto("/coaching");
  const plan = rep.page.getByTestId("development-plan").first();
  await expect(plan.getByRole("heading", { name: `1. ${OBJECTIVE}` })).toBeVisible();
  await expect(rep.page.getByText(SECRET)).toHaveCount(0);
  await rep.page.getByRole("button", { name: "Acknowledge plan" }).click();
  await expect(plan.getByText("Acknowledged", { exact: true })).toBeVisible();
  await rep.page.getByLabel(`Status of “${ACTION}”`, { exact: true }).selectOption("DONE");
  await rep.page.getByRole("button", { name: `Save status of “${ACTION}”` }).click();
  await expect(rep.page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await rep.page.goto(sessionUrl);
  await expect(rep.page.getByRole("heading", { name: "Notes for the rep" })).toBeVisible();
  await expect(rep.page.getByText("Good month. Discovery depth is the focus.")).toBeVisible();
  await expect(rep.page.getByText(SECRET)).toHaveCount(0);
  await expect(rep.page.getByRole("heading", { name: "Manager-only notes" })).toHaveCount(0);
  await rep.close();

  // 3. The manager's next session opens with that plan for review, showing the rep's progress.
  const again = await as(browser, DEMO.manager);
  await again.page.goto("/coaching");
  await expect(again.page.getByRole("link", { name: "Riley Morgan", exact: true })).toBeVisible();
  await again.page.getByRole("link", { name: "Start a session with Riley Morgan" }).click();
  const review = again.page.getByRole("region", { name: "1. Review of the previous plan" });
  await expect(review.getByText(OBJECTIVE)).toBeVisible();
  await expect(review.getByText(ACTION)).toContainText("Done");
  await expect(again.page.getByTestId("last-behavior")).toContainText(": 4");
  await again.close();
});

test("the scorecard shows KPIs against targets, and a rep cannot open another rep's coaching", async ({ browser }) => {
  const rep = await as(browser, DEMO.rep);
  await rep.page.goto("/targets");
  await rep.page.getByRole("link", { name: "My scorecard" }).click();
  await expect(rep.page.getByRole("heading", { name: "Scorecard: Riley Morgan" })).toBeVisible();
  // A month in progress is paced against the prorated target, never judged "Missed" before it ends.
  await expect(rep.page.getByTestId("kpi-qualified_leads")).toContainText(/Met|Missed|On pace|Behind|Too early to judge/);
  await expect(rep.page.getByTestId("kpi-data_integrity")).toContainText(/Met|Missed|No data|On pace|Behind pace|Too early to judge/);
  await rep.page.getByRole("link", { name: "Quarters" }).click();
  await expect(rep.page.getByRole("columnheader", { name: /Q\d \(current\)/ })).toBeVisible();
  await rep.page.goto("/coaching/sessions/new?rep=user_rep_02");
  await expect(rep.page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await rep.page.goto("/coaching/reps/user_rep_02");
  await expect(rep.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await rep.close();
});
