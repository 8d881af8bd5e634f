// The webhook jobs on the job layer (lib/jobs): delivery every minute, and the daily deal.became_stale detection.
import { defineJob } from "@/lib/jobs/registry";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { emitBecameStale } from "@/lib/webhooks/stale";

export const deliverWebhooksJob = defineJob<{ limit?: number }>({
  name: "webhooks-deliver",
  // The clock of a run is the real one: a delivery is due by wall time, and backoff is recorded per attempt.
  run: () => deliverWebhooks(new Date()),
  schedule: { cron: "* * * * *" },
  expireInSeconds: 600,
});

export const staleDealsJob = defineJob<{ limit?: number }>({
  name: "webhooks-deal-became-stale",
  run: (now, data) => emitBecameStale(now, { limit: data.limit }),
  schedule: { cron: "15 6 * * *" },
  retry: { limit: 3, delaySeconds: 60, backoff: true },
});
