// Each e-mail template rendered with fixture data: what the recipient reads in the plain-text part, and the
// absolute links in the HTML part, in the organisation's currency.
import { describe, expect, it } from "vitest";
import { renderMail } from "@/lib/mail/render";
import type { MailContext } from "@/lib/mail/messages";
import { formatDate } from "@/lib/format";

const ctx: MailContext = {
  organisationName: "Northwind",
  timeZone: "America/New_York",
  currency: "EUR",
  language: "en",
  appUrl: "https://cadence.example",
  unsubscribeUrl: "https://cadence.example/unsubscribe/tok.sig",
  preferencesUrl: "https://cadence.example/settings/notifications",
};

/** The plain-text part without the URLs the renderer writes after each link text (checked separately). */
async function mail(...args: Parameters<typeof renderMail>) {
  const { html, text: raw } = await renderMail(...args);
  return { html, raw, text: raw.replace(/ ?https:\/\/cadence\.example[^\s;]*/g, "") };
}

function expectFooter(html: string, text: string) {
  expect(html).toContain('href="https://cadence.example/unsubscribe/tok.sig"');
  expect(html).toContain('href="https://cadence.example/settings/notifications"');
  expect(text).toContain("Unsubscribe from these e-mails");
  expect(text).toContain("Times are in America/New_York; amounts in EUR.");
}

describe("e-mail templates", () => {
  it("rep digest: next steps, overdue, stale, action items, plan actions and the number against quota", async () => {
    const { html, text, raw } = await mail(
      "digest.rep",
      {
        name: "Riley",
        weekOf: "2026-12-07",
        nextSteps: [{ dealId: "d1", dealName: "Acme renewal", nextStep: "Send proposal", date: "2026-12-09" }],
        overdue: [{ dealId: "d2", dealName: "Globex pilot", date: "2026-12-01" }],
        stale: [{ dealId: "d3", dealName: "Initech", days: 21 }],
        actionItems: [{ id: "a1", description: "Book the demo", dueDate: "2026-12-08", dealId: "d1" }],
        planActions: [],
        quota: { periodLabel: "FY2026 Q4", wonMinor: "2500000", quotaMinor: "10000000" },
      },
      ctx,
    );
    expect(text).toContain(`RILEY, YOUR WEEK OF ${formatDate("2026-12-07").toUpperCase()}`);
    expect(raw).toContain("Acme renewal https://cadence.example/deals/d1");
    expect(text).toContain("Won €25,000 of €100,000 quota (25%)");
    expect(text).toContain("Send proposal");
    expect(text).toContain(`Globex pilot — was due ${formatDate("2026-12-01")}`);
    expect(text).toContain("Initech — no movement for 21 days");
    expect(text).toContain("No open plan actions.");
    expect(html).toContain('href="https://cadence.example/deals/d1"');
    expect(html).toContain('href="https://cadence.example/forecast"');
    expectFooter(html, text);
  });

  it("manager digest: flagged deals by flag, undecided items, coaching due and last week's flow", async () => {
    const { html, text } = await mail(
      "digest.manager",
      {
        name: "Maria",
        weekOf: "2026-12-07",
        flagged: [{ flag: "stale", count: 3, valueMinor: "4500000" }],
        undecided: { count: 2, sessionId: "s9" },
        coachingDue: [{ repId: "r1", repName: "Riley Rep", lastHeldOn: null }],
        flow: { created: 4, createdMinor: "800000", won: 1, wonMinor: "300000", lost: 0, lostMinor: "0" },
      },
      ctx,
    );
    expect(text).toContain("Stale: 3 deals worth €45,000");
    expect(text).toContain("2 items left undecided");
    expect(text).toContain("Riley Rep — no session yet");
    expect(text).toMatch(/Created\s+4 deals \(€8,000\); won\s+1 deal \(€3,000\); lost\s+0 deals \(€0\)/);
    expect(html).toContain('href="https://cadence.example/inspection/s9"');
    expect(html).toContain('href="https://cadence.example/coaching/reps/r1"');
    expectFooter(html, text);
  });

  it("executive digest: per team inspection, flagged value, coverage, commit against quota", async () => {
    const { html, text, raw } = await mail(
      "digest.executive",
      {
        name: "Erin",
        weekOf: "2026-12-07",
        teams: [
          { teamId: "t1", teamName: "East", inspectionDone: true, flaggedMinor: "1000000", pipelineMinor: "30000000", coverage: 3, commitMinor: "9000000", quotaMinor: "12000000" },
          { teamId: "t2", teamName: "West", inspectionDone: false, flaggedMinor: "0", pipelineMinor: "0", coverage: null, commitMinor: null, quotaMinor: null },
        ],
      },
      ctx,
    );
    expect(text).toMatch(/East: inspection\s+done; flagged\s+€10,000; coverage\s+3\.0×; commit\s+€90,000\s+against quota €120,000/);
    expect(text).toMatch(/West: inspection\s+not done; .*commit\s+no data\s+against quota no data/);
    expect(html).toContain('href="https://cadence.example/forecast?team=t1"');
    expect(raw).toContain("coverage 3.0× https://cadence.example/forecast?team=t1");
    expectFooter(html, text);
  });

  it("reminder: the item, its state and a link to it", async () => {
    const { html, text, raw } = await mail("reminder", { name: "Riley", type: "action_item", itemId: "a1", title: "Book the demo", dueDate: "2026-12-08", state: "due tomorrow", path: "/deals/d1" }, ctx);
    expect(text).toContain("ACTION ITEM DUE TOMORROW");
    expect(raw).toContain("https://cadence.example/deals/d1");
    expect(text).toContain("Book the demo — due tomorrow.");
    expect(html).toContain('href="https://cadence.example/deals/d1"');
    expectFooter(html, text);
  });

  it("decision recorded, action item created and plan acknowledged", async () => {
    const decision = await mail("event.decision_recorded", { repName: "Riley", managerName: "Maria", dealId: "d1", dealName: "Acme", decision: "push the close date", note: "January" }, ctx);
    expect(decision.text).toContain("Maria recorded the decision push the close date on");
    expect(decision.text).toContain("Note: January");
    expect(decision.html).toContain('href="https://cadence.example/deals/d1"');
    const item = await mail("event.action_item_created", { repName: "Riley", managerName: "Maria", actionItemId: "a1", description: "Call the CFO", dueDate: "2026-12-10", dealId: null, dealName: null }, ctx);
    expect(item.text).toContain(`Maria asked you to: Call the CFO, due ${formatDate("2026-12-10")}.`);
    expect(item.text).not.toContain("Deal:");
    const ack = await mail("event.plan_acknowledged", { managerName: "Maria", repName: "Riley", repId: "r1", sessionId: "s1" }, ctx);
    expect(ack.text).toContain("Riley acknowledged the 30-day development plan");
    expect(ack.html).toContain('href="https://cadence.example/coaching/sessions/s1"');
    for (const m of [decision, item, ack]) expectFooter(m.html, m.text);
  });
});
