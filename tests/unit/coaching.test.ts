import { describe, expect, it } from "vitest";
import { coachingDueState, coachingSessionSchema, isActionOverdue, teamBatTrend } from "@/lib/domain/coaching";

describe("who is due for this month's coaching session", () => {
  it("is done with a session this month, due with one last month, overdue otherwise", () => {
    expect(coachingDueState("2026-11-02", "2026-11-23")).toBe("done");
    expect(coachingDueState("2026-10-31", "2026-11-01")).toBe("due");
    expect(coachingDueState("2026-09-30", "2026-11-01")).toBe("overdue");
    expect(coachingDueState(null, "2026-11-01")).toBe("overdue");
    // Across the turn of the year.
    expect(coachingDueState("2026-12-15", "2027-01-03")).toBe("due");
  });

  it("counts an action overdue only when not done and past its due date", () => {
    expect(isActionOverdue({ status: "TODO", dueDate: "2026-11-22" }, "2026-11-23")).toBe(true);
    expect(isActionOverdue({ status: "IN_PROGRESS", dueDate: "2026-11-23" }, "2026-11-23")).toBe(false);
    expect(isActionOverdue({ status: "DONE", dueDate: "2026-11-01" }, "2026-11-23")).toBe(false);
  });
});

describe("the team's BAT trend", () => {
  it("averages each rep's sessions by position, latest last, ignoring reps with fewer sessions", () => {
    const a = [
      { heldOn: "2026-10-10", behavior: 2, technique: 2, attitude: 3 },
      { heldOn: "2026-11-10", behavior: 4, technique: 3, attitude: 3 },
    ];
    const b = [{ heldOn: "2026-11-12", behavior: 3, technique: null, attitude: 5 }];
    const trend = teamBatTrend([a, b], 2);
    expect(trend).toEqual([
      { label: "1 before", behavior: 2, technique: 2, attitude: 3 },
      { label: "Latest", behavior: 3.5, technique: 3, attitude: 4 },
    ]);
  });
});

describe("the session schema", () => {
  const valid = {
    repId: "r1",
    heldOn: "2026-11-10",
    behaviorRating: "3",
    techniqueRating: 4,
    attitudeRating: "5",
    objectives: [{ dimension: "ATTITUDE", title: "Own the number", successCriterion: "Commit within 10%", actions: [{ description: "Weekly forecast", ownerId: "r1", dueDate: "2026-11-10" }] }],
  };
  it("accepts a due date on the session day and refuses one the day before", () => {
    expect(coachingSessionSchema.safeParse(valid).success).toBe(true);
    const early = coachingSessionSchema.safeParse({ ...valid, objectives: [{ ...valid.objectives[0], actions: [{ ...valid.objectives[0].actions[0], dueDate: "2026-11-09" }] }] });
    expect(early.success).toBe(false);
    expect(early.error?.issues[0]).toMatchObject({ path: ["objectives", 0, "actions", 0, "dueDate"], message: "The due date cannot be before the session." });
  });
  it("refuses unknown fields and an objective tied to no BAT dimension", () => {
    expect(coachingSessionSchema.safeParse({ ...valid, privateNotesForRep: "x" }).success).toBe(false);
    const noDimension = coachingSessionSchema.safeParse({ ...valid, objectives: [{ ...valid.objectives[0], dimension: "LUCK" }] });
    expect(noDimension.error?.issues[0].message).toBe("Tie the objective to Behavior, Technique or Attitude.");
  });
});
