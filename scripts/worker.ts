// `npm run worker`: the job worker alone (no web server), for deployments that run them separately.
// The web server then runs with CADENCE_WORKER=off. Needs DATABASE_URL (or the embedded server's defaults).
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { allJobs } from "@/lib/jobs/jobs";

await startWorker();
console.log(`> Cadence worker running ${allJobs.length} job(s): ${allJobs.map((j) => j.name).join(", ") || "none"}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stopWorker().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 15_000).unref();
  });
}
