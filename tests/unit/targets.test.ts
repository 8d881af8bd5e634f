import { describe, expect, it } from "vitest";
import { judge, resolveTarget, type TargetRow } from "@/lib/domain/targets";

const t = (id: string, extra: Partial<TargetRow>): TargetRow => ({
  id, metric: "qualified_leads", periodType: "MONTH", periodStart: null, scope: "ORGANISATION", teamId: null, userId: null, direction: "AT_LEAST", value: 15, isRelative: false, ...extra,
});
const subject = { metric: "qualified_leads", periodType: "MONTH" as const, periodStart: "2026-11-01", repId: "rep1", teamId: "east" };

describe("target resolution", () => {
  const org = t("org", {});
  const team = t("team", { scope: "TEAM", teamId: "east", value: 16 });
  const otherTeam = t("west", { scope: "TEAM", teamId: "west", value: 30 });
  const repT = t("rep", { scope: "REP", userId: "rep1", value: 12 });
  const otherRep = t("rep2", { scope: "REP", userId: "rep2", value: 40 });

  it("lets the most specific scope win: rep over team over organisation", () => {
    expect(resolveTarget([org, team, repT, otherTeam, otherRep], subject)?.id).toBe("rep");
    expect(resolveTarget([org, team, otherTeam, otherRep], subject)?.id).toBe("team");
    expect(resolveTarget([org, otherTeam, otherRep], subject)?.id).toBe("org");
    expect(resolveTarget([otherTeam, otherRep], subject)).toBeNull();
  });

  it("prefers a target for this exact period over a recurring one at the same level", () => {
    const dated = t("dated", { periodStart: "2026-11-01", value: 20 });
    const otherMonth = t("dec", { periodStart: "2026-12-01", value: 99 });
    expect(resolveTarget([org, dated, otherMonth], subject)?.id).toBe("dated");
    expect(resolveTarget([org, otherMonth], subject)?.id).toBe("org");
    // A scope still outranks a dated organisation target.
    expect(resolveTarget([dated, team], subject)?.id).toBe("team");
  });

  it("ignores other metrics and other period types", () => {
    expect(resolveTarget([t("q", { periodType: "QUARTER" }), t("m", { metric: "activities" })], subject)).toBeNull();
  });
});

describe("judging a KPI", () => {
  it("marks met and missed by direction, and never passes without a target or data", () => {
    expect(judge(15, { direction: "AT_LEAST", value: 15 })).toBe("met");
    expect(judge(14, { direction: "AT_LEAST", value: 15 })).toBe("missed");
    expect(judge(-15, { direction: "AT_MOST", value: -15 })).toBe("met");
    expect(judge(-10, { direction: "AT_MOST", value: -15 })).toBe("missed");
    expect(judge(99, null)).toBe("no_target");
    expect(judge(null, { direction: "AT_LEAST", value: 1 })).toBe("no_data");
  });
});
