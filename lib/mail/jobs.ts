// The e-mail jobs: draining the outbox every minute, the Monday digest and the reminders (lib/jobs/registry.ts).
import { defineJob } from "@/lib/jobs/registry";
import { drainOutbox } from "@/lib/mail/sender";
import { runDigests } from "@/lib/mail/digest";
import { runReminders } from "@/lib/mail/reminders";

export const mailSendJob = defineJob({
  name: "mail-send",
  schedule: { cron: "* * * * *" },
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  // A tick's `now` is its creation time: a message written a moment later waits for the next tick.
  run: async (now) => {
    let total = 0;
    for (;;) {
      const r = await drainOutbox(new Date(Math.max(now.getTime(), Date.now())));
      total += r.sent + r.keptInOutbox;
      if (r.sent + r.keptInOutbox + r.failed < 50) return total;
    }
  },
});

export const mailDigestJob = defineJob({
  name: "mail-digest",
  // Every 5 minutes: the run itself decides whether it is the organisation's digest day and time.
  schedule: { cron: "*/5 * * * *" },
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  run: (now) => runDigests(now),
});

export const mailRemindersJob = defineJob({
  name: "mail-reminders",
  // Hourly in the working day (organisation's time zone); each item is reminded once per local day.
  schedule: { cron: "10 7-18 * * *" },
  retry: { limit: 3, delaySeconds: 120, backoff: true },
  run: (now) => runReminders(now),
});

export const mailJobs = [mailSendJob, mailDigestJob, mailRemindersJob];
