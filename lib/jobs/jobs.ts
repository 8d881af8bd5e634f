// The list of every job the worker runs. Add yours here (see the top comment of lib/jobs/registry.ts).
import type { AnyJob } from "@/lib/jobs/registry";

export const allJobs: AnyJob[] = [];
