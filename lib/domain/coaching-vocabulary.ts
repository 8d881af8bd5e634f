// The coaching vocabulary (BAT dimensions, verdicts, action statuses and their labels), free of zod so that client
// components (the session form, the plan's status forms) can use it without pulling the schemas into the browser.
export const BAT_DIMENSIONS = ["BEHAVIOR", "TECHNIQUE", "ATTITUDE"] as const;
export type BatDimensionKind = (typeof BAT_DIMENSIONS)[number];
export const BAT_LABELS: Record<BatDimensionKind, string> = { BEHAVIOR: "Behavior", TECHNIQUE: "Technique", ATTITUDE: "Attitude" };

export const VERDICTS = ["ACHIEVED", "PARTLY", "NOT_ACHIEVED"] as const;
export type VerdictKind = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<VerdictKind, string> = { ACHIEVED: "Achieved", PARTLY: "Partly achieved", NOT_ACHIEVED: "Not achieved" };

export const ACTION_STATUSES = ["TODO", "IN_PROGRESS", "DONE"] as const;
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = { TODO: "To do", IN_PROGRESS: "In progress", DONE: "Done" };

export const PLAN_DAYS = 30;
export const MAX_OBJECTIVES = 5;
