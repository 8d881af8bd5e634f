"use client";
// Maps the file's stage names to Cadence stages (or to a won/lost status); the preview is recomputed with the mapping.
// The page remounts this form with the saved mapping after "Apply", so what was chosen stays chosen.
import { useActionState } from "react";
import { saveImportSettings } from "@/lib/actions/import/save-import-settings";
import { FormMessage, SelectField } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/safe-action";

interface Props {
  jobId: string;
  /** Each stage name of the file: the user's choice (mappedTo) and what it resolves to now (current). */
  unknown: { value: string; rows: number; mappedTo: string | null; current?: string | null }[];
  stages: { id: string; name: string }[];
}

export function StageMapForm({ jobId, unknown, stages }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveImportSettings, null);
  const options = (current: string | null | undefined) => [
    { value: "", label: current ? `${current} (automatic)` : "— leave unmapped (rows rejected) —" },
    ...stages.map((s) => ({ value: s.id, label: s.name })),
    { value: "WON", label: "Closed won (a status)" },
    { value: "LOST", label: "Closed lost (a status)" },
  ];
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="step" value="stages" />
      {unknown.map((u, i) => (
        <div key={u.value}>
          <input type="hidden" name={`stageFrom_${i}`} value={u.value} />
          <SelectField
            id={`stage-map-${i}`}
            name={`stageTo_${i}`}
            label={`"${u.value}"${u.rows ? ` (${u.rows} row${u.rows === 1 ? "" : "s"})` : " (history only)"} becomes`}
            options={options(u.current)}
            defaultValue={u.mappedTo ?? ""}
          />
        </div>
      ))}
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Applying…" : "Apply stage mapping"}
      </button>
    </form>
  );
}
