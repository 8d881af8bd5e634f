// The one message for a text longer than its limit: the server refuses it beside the field (never cuts it), and the
// forms carry no maxLength, so a pasted or typed text is never silently shortened in the browser either.

/** "The deal name is at most 200 characters (this one has 300)." */
export function tooLongMessage(what: string, max: number, length?: number): string {
  const limit = `The ${what} is at most ${max.toLocaleString("en-US")} characters`;
  return length === undefined ? `${limit}.` : `${limit} (this one has ${length.toLocaleString("en-US")}).`;
}

/** zod's `.max(max, atMost("deal name", max))`: the message names the field, the limit and the length given. */
export const atMost = (what: string, max: number) => ({
  error: (issue: { input?: unknown }) => tooLongMessage(what, max, typeof issue.input === "string" ? issue.input.length : undefined),
});
