'use server';
// Saves the column mapping, the date order and the mapping of unknown stages of a pending import (then the preview shows).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canImport } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { IMPORT_FIELDS, missingRequired } from "@/lib/import/columns";
import { getImportJob, readPendingJob, writeSettings } from "@/lib/import/jobs";
import { normaliseValue } from "@/lib/import/validate";

// Field names are dynamic (one per column and per unknown stage), so the schema checks each key's shape instead.
const KEY = /^(jobId|step|dateOrder|col_[A-Za-z]+|stageFrom_\d+|stageTo_\d+)$/;

export const saveImportSettings = defineAction(
  {
    name: "import.save-settings",
    roles: ["ADMIN", "MANAGER"],
    schema: z
      .record(z.string(), z.string().max(500))
      .superRefine((v, ctx) => {
        // Strict like every other action: an unexpected key is refused by name, not ignored.
        const unknown = Object.keys(v).filter((k) => !KEY.test(k));
        if (unknown.length) ctx.addIssue({ code: "unrecognized_keys", keys: unknown, input: v, message: `These fields are not accepted: ${unknown.join(", ")}.` });
      })
      .refine((v) => typeof v.jobId === "string" && v.jobId.length > 0, { message: "The import is missing." }),
    rateLimited: false,
    handler: async ({ actor, input, tx }) => {
      if (!canImport(actor)) throw new AppError("FORBIDDEN", "You do not have permission to import.");
      const job = await getImportJob(actor, input.jobId);
      if (!job || job.status !== "PENDING") throw new AppError("NOT_FOUND", "That import was not found or has already started.");
      // The file and settings are on the job row, so whichever instance receives this request can answer it.
      const pending = await readPendingJob(job.id, tx);
      if (!pending) throw new AppError("CONFLICT", "The uploaded file is no longer available. Upload it again.");
      const { settings, table } = pending;
      if (input.step === "mapping") {
        const mapping: Record<string, number | null> = {};
        for (const field of IMPORT_FIELDS[settings.kind]) {
          const raw = input[`col_${field.key}`];
          const index = raw === undefined || raw === "" ? null : Number(raw);
          mapping[field.key] = index !== null && Number.isInteger(index) && index >= 0 && index < table.headers.length ? index : null;
        }
        const used = Object.values(mapping).filter((v) => v !== null);
        if (new Set(used).size !== used.length) throw new AppError("INVALID", "Each column can be used for one field only.");
        const missing = missingRequired(settings.kind, mapping);
        if (missing.length) {
          throw new AppError(
            "INVALID",
            "Choose a column for every required field.",
            Object.fromEntries(missing.map((f) => [`col_${f.key}`, [`Choose the column that holds the ${f.label.toLowerCase()}.`]])),
          );
        }
        const dateOrder = input.dateOrder === "MDY" || input.dateOrder === "DMY" ? input.dateOrder : "auto";
        await writeSettings(job.id, { ...settings, mapping, dateOrder, mapped: true }, tx);
      } else if (input.step === "stages") {
        const stageMap = { ...settings.stageMap };
        for (const [key, value] of Object.entries(input)) {
          const m = /^stageFrom_(\d+)$/.exec(key);
          if (!m) continue;
          const target = input[`stageTo_${m[1]}`];
          if (target) stageMap[normaliseValue(value)] = target;
          else delete stageMap[normaliseValue(value)];
        }
        await writeSettings(job.id, { ...settings, stageMap }, tx);
      } else if (input.step === "dateOrder") {
        // The preview asks once when every slashed date of the file reads both ways (03/04/2026).
        if (input.dateOrder !== "MDY" && input.dateOrder !== "DMY") throw new AppError("INVALID", "Choose month/day or day/month.", { dateOrder: ["Choose month/day or day/month."] });
        await writeSettings(job.id, { ...settings, dateOrder: input.dateOrder }, tx);
      } else if (input.step === "remap") {
        await writeSettings(job.id, { ...settings, mapped: false }, tx);
      }
      return { id: job.id };
    },
  },
  (data) => revalidatePath(`/import/${data.id}`),
);
