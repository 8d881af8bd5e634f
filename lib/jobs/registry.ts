// The job registry: every background job Cadence runs (scheduled or on demand), declared as plain data so the
// queue (pg-boss, lib/jobs/worker.ts) can run it and tests can call its handler directly with a chosen `now`.
//
// How another module registers a job
// ----------------------------------
// 1. Write the work as a plain function that takes the clock as input, in your own layer, e.g.
//      export async function deliverWebhooks(now: Date, data: { limit?: number }): Promise<number> { … }
//    It must be safe to run twice and on two instances at once (claim rows with FOR UPDATE SKIP LOCKED, or write
//    with an idempotency key): pg-boss retries a job interrupted by a restart.
// 2. Declare it with `defineJob` next to that function (e.g. lib/api/webhook-jobs.ts):
//      export const deliverWebhooksJob = defineJob<{ limit?: number }>({
//        name: "webhooks-deliver",                  // queue name: letters, digits, - and _
//        run: (now, data) => deliverWebhooks(now, data),
//        schedule: { cron: "* * * * *" },           // optional; cron in the ORGANISATION's time zone
//        retry: { limit: 5, delaySeconds: 30, backoff: true },
//      });
// 3. Add it to the list in lib/jobs/jobs.ts (one import, one array entry). The worker creates the queue, starts
//    polling it and installs the schedule; pg-boss sends each cron tick once per minute whatever the number of
//    instances (its schedule table + a singleton key per tick).
// 4. To run it now from server code: `await sendJob("webhooks-deliver", { limit: 50 })` (lib/jobs/worker.ts);
//    from a test: call the function itself with `now` (never sleep for the clock).
// A scheduled run gets `now` = the moment pg-boss created the job (a retry keeps the same `now`, so idempotency
// keys derived from it stay the same); data may carry `now` (ISO text) to override it.

export interface RetryPolicy {
  /** How many times a failed run is retried. */
  limit: number;
  delaySeconds: number;
  /** Doubles the delay after each failure. */
  backoff?: boolean;
}

export interface JobDefinition<Data extends object = Record<string, unknown>> {
  name: string;
  run: (now: Date, data: Data) => Promise<unknown>;
  /** A cron expression (5 fields) in the organisation's time zone; the job then runs on that schedule. */
  schedule?: { cron: string; data?: Data };
  retry?: RetryPolicy;
  /** A run taking longer than this is considered lost and retried (default 15 minutes). */
  expireInSeconds?: number;
}

export type AnyJob = JobDefinition<Record<string, unknown>>;

const NAME = /^[A-Za-z0-9_-]+$/;

export function defineJob<Data extends object = Record<string, unknown>>(job: JobDefinition<Data>): JobDefinition<Data> {
  if (!NAME.test(job.name)) throw new Error(`Job name "${job.name}": use letters, digits, - and _ only.`);
  return job;
}

/** The `now` a run uses: data.now when given (tests, manual re-runs), else when the job was created. */
export function runTime(data: unknown, createdOn: Date | undefined, fallback: Date): Date {
  const given = data && typeof data === "object" ? (data as { now?: unknown }).now : undefined;
  if (typeof given === "string") {
    const parsed = new Date(given);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return createdOn ?? fallback;
}

/** Checks a list of jobs for duplicate names (a typo in jobs.ts would otherwise silently drop one). */
export function assertUniqueNames(jobs: readonly { name: string }[]): void {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.name)) throw new Error(`Two jobs are named "${job.name}".`);
    seen.add(job.name);
  }
}
