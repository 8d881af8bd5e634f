// The worker: pg-boss on the app's own PostgreSQL (schema "pgboss"), running every job of lib/jobs/jobs.ts.
// `npm start` runs it inside the web server's process (server.ts); `npm run worker` runs it alone (scripts/worker.ts).
// Any number of instances may run it: scheduled ticks are sent once (pg-boss), and each handler is idempotent.
import PgBoss from "pg-boss";
import { resolveDatabaseUrl } from "@/lib/db-url";
import { prisma } from "@/lib/db";
import { allJobs } from "@/lib/jobs/jobs";
import { assertUniqueNames, runTime, type AnyJob } from "@/lib/jobs/registry";

export const JOB_SCHEMA = "pgboss";

export interface WorkerOptions {
  jobs?: readonly AnyJob[];
  connectionString?: string;
  /** Time zone of the cron schedules; defaults to the organisation's. */
  timeZone?: string;
  /** How often an idle queue is polled (seconds, default 2). */
  pollingIntervalSeconds?: number;
  /** Install the cron schedules (default true). */
  schedule?: boolean;
}

const state = globalThis as unknown as { cadenceWorker?: PgBoss | null };

async function organisationTimeZone(): Promise<string> {
  const org = await prisma.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { timeZone: true } });
  return org?.timeZone ?? "UTC";
}

/** This process's worker: started once, stopped by stopWorker(). */
export async function startWorker(options: WorkerOptions = {}): Promise<PgBoss> {
  if (state.cadenceWorker) return state.cadenceWorker;
  const boss = await createWorker(options);
  state.cadenceWorker = boss;
  return boss;
}

/**
 * Starts pg-boss (creating its schema on first use), one queue and one polling worker per job, and the schedules.
 * Tests call this directly to run two independent workers in one process.
 */
export async function createWorker(options: WorkerOptions = {}): Promise<PgBoss> {
  const jobs = options.jobs ?? allJobs;
  assertUniqueNames(jobs);
  const boss = new PgBoss({
    connectionString: options.connectionString ?? resolveDatabaseUrl(),
    schema: JOB_SCHEMA,
    max: 4,
    application_name: "cadence-worker",
    // pg-boss's timekeeper writes a row at this interval (its "cron lock"); every write ends the page cache's
    // entries (docs/decisions/0012), so it runs as rarely as pg-boss allows. Cron resolution stays one minute.
    cronMonitorIntervalSeconds: 45,
  });
  // pg-boss reports its own errors (a lost connection while polling) as events; it reconnects by itself.
  boss.on("error", (error) => console.warn(`[jobs] ${error.message}`));
  await boss.start();
  const timeZone = options.timeZone ?? (await organisationTimeZone());
  for (const job of jobs) {
    const queue = {
      name: job.name,
      retryLimit: job.retry?.limit ?? 3,
      retryDelay: job.retry?.delaySeconds ?? 30,
      retryBackoff: job.retry?.backoff ?? true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    };
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue); // a changed retry policy applies to an existing queue too
    await boss.work<Record<string, unknown>>(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true },
      async ([one]) => {
        if (!one) return;
        return job.run(runTime(one.data, one.createdOn, new Date()), one.data ?? {});
      },
    );
    if (options.schedule === false) continue;
    if (job.schedule) await boss.schedule(job.name, job.schedule.cron, job.schedule.data ?? {}, { tz: timeZone });
    else await boss.unschedule(job.name).catch(() => undefined);
  }
  return boss;
}

/** Stops polling, lets running jobs finish (up to `timeoutMs`) and closes pg-boss's connections. */
export async function stopWorker(timeoutMs = 10_000): Promise<void> {
  const boss = state.cadenceWorker;
  state.cadenceWorker = null;
  if (boss) await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
}

/** Queues a run of a registered job now (or after `startAfter`), on whichever instance polls first. */
export async function sendJob(name: string, data: Record<string, unknown> = {}, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = state.cadenceWorker;
  if (!boss) throw new Error(`The job worker is not running in this process: cannot send "${name}".`);
  return boss.send(name, data, options);
}

/** Whether this process runs the worker (the web server does unless CADENCE_WORKER=off). */
export function workerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CADENCE_WORKER !== "off";
}
