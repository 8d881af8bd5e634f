'use server';
// Starts the commit of a previewed import; the rows are written in the background and the page shows the progress.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { canImport } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { startImportJob } from "@/lib/import/jobs";

export const startImport = defineAction(
  {
    name: "import.start",
    roles: ["ADMIN", "MANAGER"],
    schema: z.strictObject({ jobId: z.string().min(1).max(64) }),
    handler: async ({ actor, input }) => {
      if (!canImport(actor)) throw new AppError("FORBIDDEN", "You do not have permission to import.");
      const started = await startImportJob(actor, input.jobId);
      return { id: started.jobId, valid: started.valid, rejected: started.rejected };
    },
  },
  (data) => revalidatePath(`/import/${data.id}`),
);
