// The coaching session form's field rules, one field at a time and free of zod, so that the form can clear a field's
// error as soon as that field is fixed (issue 13) without shipping the schemas to the browser. The limits and messages
// are the ones lib/domain/coaching.ts's schema refuses with: both read them from here.
import { isSaneIsoDate } from "@/lib/domain/calendar";
import { BAT_DIMENSIONS, BAT_KEYS, BAT_LABELS, batNames } from "@/lib/domain/coaching-vocabulary";
import { tooLongMessage } from "@/lib/domain/text-limits";

export const COACHING_LIMITS = {
  recordingRef: 500,
  callNotes: 4000,
  actionDescription: 500,
  objectiveTitle: 300,
  successCriterion: 500,
  verdictNotes: 4000,
  ratingNotes: 4000,
  sharedNotes: 8000,
  privateNote: 8000,
} as const;

export const COACHING_MESSAGES = {
  heldOn: "Give the date of the session.",
  heldOnFuture: "The session date cannot be in the future.",
  verdict: "Give a verdict on the previous plan.",
  recordingRef: "Give the recording link or a reference.",
  callDate: "Give the date of the call.",
  dimension: `Tie the objective to ${batNames("or")}.`,
  title: "Name the objective.",
  successCriterion: "Give a measurable success criterion.",
  description: "Describe the action.",
  ownerId: "Choose who owns the action.",
  dueDate: "Give a due date.",
  dueBeforeSession: "The due date cannot be before the session.",
} as const;

export const ratingMessage = (label: string) => `Rate ${label} from 1 to 5.`;

type Rule = (value: string, context: { today: string; heldOn: string }) => string | null;

const text =
  (what: string, max: number, required?: string): Rule =>
  (value) => {
    const v = value.trim();
    if (required && !v) return required;
    return v.length > max ? tooLongMessage(what, max, v.length) : null;
  };
const date =
  (required: string): Rule =>
  (value) =>
    isSaneIsoDate(value.trim()) ? null : required;
const chosen =
  (required: string): Rule =>
  (value) =>
    value.trim() ? null : required;

const RULES: [RegExp, Rule][] = [
  [/^heldOn$/, (v, c) => date(COACHING_MESSAGES.heldOn)(v, c) ?? (v.trim() > c.today ? COACHING_MESSAGES.heldOnFuture : null)],
  ...BAT_DIMENSIONS.flatMap((d): [RegExp, Rule][] => [
    [new RegExp(`^${BAT_KEYS[d]}Rating$`), (v) => (/^[1-5]$/.test(v.trim()) ? null : ratingMessage(BAT_LABELS[d]))],
    [new RegExp(`^${BAT_KEYS[d]}Notes$`), text(`${BAT_LABELS[d]} notes`, COACHING_LIMITS.ratingNotes)],
  ]),
  [/^sharedNotes$/, text("shared notes", COACHING_LIMITS.sharedNotes)],
  [/^privateNote$/, text("private note", COACHING_LIMITS.privateNote)],
  [/^review\.verdict$/, chosen(COACHING_MESSAGES.verdict)],
  [/^review\.verdictNotes$/, text("verdict notes", COACHING_LIMITS.verdictNotes)],
  [/^callReviews\.\d+\.recordingRef$/, text("recording link", COACHING_LIMITS.recordingRef, COACHING_MESSAGES.recordingRef)],
  [/^callReviews\.\d+\.callDate$/, date(COACHING_MESSAGES.callDate)],
  [/^callReviews\.\d+\.strengths$/, text("strengths", COACHING_LIMITS.callNotes)],
  [/^callReviews\.\d+\.gaps$/, text("gaps", COACHING_LIMITS.callNotes)],
  [/^objectives\.\d+\.dimension$/, (v) => ((BAT_DIMENSIONS as readonly string[]).includes(v) ? null : COACHING_MESSAGES.dimension)],
  [/^objectives\.\d+\.title$/, text("objective", COACHING_LIMITS.objectiveTitle, COACHING_MESSAGES.title)],
  [/^objectives\.\d+\.successCriterion$/, text("success criterion", COACHING_LIMITS.successCriterion, COACHING_MESSAGES.successCriterion)],
  [/^objectives\.\d+\.actions\.\d+\.description$/, text("action", COACHING_LIMITS.actionDescription, COACHING_MESSAGES.description)],
  [/^objectives\.\d+\.actions\.\d+\.ownerId$/, chosen(COACHING_MESSAGES.ownerId)],
  [
    /^objectives\.\d+\.actions\.\d+\.dueDate$/,
    (v, c) => date(COACHING_MESSAGES.dueDate)(v, c) ?? (isSaneIsoDate(c.heldOn) && v.trim() < c.heldOn ? COACHING_MESSAGES.dueBeforeSession : null),
  ],
];

/**
 * The message the server would give this one field for this value, null when the value is fine, undefined when the
 * field has no rule of its own here (its error then stays until the next submit).
 */
export function coachingFieldError(name: string, value: string, context: { today: string; heldOn: string }): string | null | undefined {
  const rule = RULES.find(([pattern]) => pattern.test(name));
  return rule ? rule[1](value, context) : undefined;
}
