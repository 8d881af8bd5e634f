// The query-string parameters of each page, as zod schemas read through parseSearchParams (lib/http/search-params.ts).
// Pages cannot export anything but their component, so their schemas live here, where the hostile-input test
// (tests/integration/hostile-input.test.ts) drives every one of them with generated values.
import { z } from "zod";
import { queryChoice, queryDate, queryText } from "@/lib/http/search-params";

const quarterly = {
  q: queryText("quarter", 40),
  team: queryText("team", 64),
};

export const PAGE_PARAMS = {
  /** /coaching/scorecard/[repId]: months or quarters. */
  scorecard: z.object({ period: queryChoice("period", ["month", "quarter"], "month") }),
  /** /coaching/sessions/[id]: the "saved" notice after a save. */
  coachingSession: z.object({ saved: queryText("saved", 16) }),
  /** /coaching/sessions/new: the rep the session is with. */
  newCoachingSession: z.object({ rep: queryText("rep", 64) }),
  /** /rhythm: whose weekly rhythm (executives and admins) and the quarter of the adherence figures. */
  rhythm: z.object({ manager: queryText("manager", 64), q: queryText("quarter", 40) }),
  /** /inspection: the team, one rep, the flagged list that is open and the flag the triage list shows. */
  inspection: z.object({ team: queryText("team", 64), rep: queryText("rep", 64), show: queryText("list", 40), flag: queryText("flag", 40) }),
  /** /quarterly and /quarterly/pack: the quarter, the team, and the forecast table opened to every rep. */
  quarterly: z.object({ ...quarterly, show: queryText("show", 40) }),
  /** /quarterly/drill: the figure behind a number, with its stage, loss reason or owner. */
  quarterlyDrill: z.object({ ...quarterly, metric: queryText("figure", 40), stage: queryText("stage", 64), reason: queryText("reason", 200), owner: queryText("owner", 64) }),
  /** /flow: the window (a preset or from/to) and the team, and the bar whose deals are listed. */
  flow: z.object({ preset: queryChoice("period", ["week", "month", "quarter", "custom"]), from: queryDate("from"), to: queryDate("to"), team: queryText("team", 64), bar: queryText("bar", 16) }),
  /** /self-assessment: the quarter shown and, for executives and admins, whose answers. */
  selfAssessment: z.object({ q: queryText("quarter", 40), leader: queryText("leader", 64) }),
  /** /quarterly/reviews/compare: the two reviews side by side. */
  reviewCompare: z.object({ a: queryText("first review", 64), b: queryText("second review", 64) }),
} as const;
