// The coaching vocabulary (BAT dimensions, verdicts, action statuses and their labels), free of zod so that client
// components (the session form, the plan's status forms) can use it without pulling the schemas into the browser.
export const BAT_DIMENSIONS = ["BEHAVIOR", "TECHNIQUE", "ATTITUDE"] as const;
export type BatDimensionKind = (typeof BAT_DIMENSIONS)[number];
export const BAT_LABELS: Record<BatDimensionKind, string> = { BEHAVIOR: "Behavior", TECHNIQUE: "Technique", ATTITUDE: "Attitude" };
/** The rating keys of a session row, in the one B/T/A order of DOMAIN.md (Sandler's triangle). */
export const BAT_KEYS: Record<BatDimensionKind, "behavior" | "technique" | "attitude"> = { BEHAVIOR: "behavior", TECHNIQUE: "technique", ATTITUDE: "attitude" };
/** "Behavior, Technique and Attitude" (or "… or Attitude"): every sentence naming the three reads them in this order. */
export const batNames = (conjunction: "and" | "or" = "and") => `${BAT_DIMENSIONS.slice(0, -1).map((d) => BAT_LABELS[d]).join(", ")} ${conjunction} ${BAT_LABELS[BAT_DIMENSIONS[BAT_DIMENSIONS.length - 1]]}`;
/** "B / T / A": the column head over the three ratings. */
export const BAT_INITIALS = BAT_DIMENSIONS.map((d) => BAT_LABELS[d][0]).join(" / ");

export const VERDICTS = ["ACHIEVED", "PARTLY", "NOT_ACHIEVED"] as const;
export type VerdictKind = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<VerdictKind, string> = { ACHIEVED: "Achieved", PARTLY: "Partly achieved", NOT_ACHIEVED: "Not achieved" };

export const ACTION_STATUSES = ["TODO", "IN_PROGRESS", "DONE"] as const;
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = { TODO: "To do", IN_PROGRESS: "In progress", DONE: "Done" };

export const PLAN_DAYS = 30;
export const MAX_OBJECTIVES = 5;
