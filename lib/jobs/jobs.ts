// The list of every job the worker runs. Add yours here (see the top comment of lib/jobs/registry.ts).
import type { AnyJob } from "@/lib/jobs/registry";
import { deliverWebhooksJob, staleDealsJob } from "@/lib/webhooks/jobs";
import { mailJobs } from "@/lib/mail/jobs";

export const allJobs: AnyJob[] = [deliverWebhooksJob as AnyJob, staleDealsJob as AnyJob, ...(mailJobs as AnyJob[])];
