// What a user is told when they make changes faster than the per-user limit allows. Client-safe: no server imports.

/** The start of every "too fast" answer; app/error.tsx recognises a rejected server action by it. */
export const TOO_FAST_PREFIX = "You are making changes too fast.";

export function tooFastMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds <= 1 ? "a second" : `${retryAfterSeconds} seconds`;
  return `${TOO_FAST_PREFIX} Nothing was saved; wait ${wait} and try again.`;
}

export function isTooFastError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith(TOO_FAST_PREFIX);
}
