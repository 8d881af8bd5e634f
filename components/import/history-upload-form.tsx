"use client";
// The optional second file of a deal import: the deals' history, sent to /api/import/[jobId]/history; the preview
// then places its rows on the deals.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/ui/field";

export function HistoryUploadForm({ jobId, current }: { jobId: string; current: string | null }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a CSV file with the deals' history.");
    setPending(true);
    try {
      const response = await fetch(`/api/import/${encodeURIComponent(jobId)}/history`, { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as { ok?: boolean; message?: string } | null;
      if (response.ok && body?.ok) {
        router.refresh();
      } else {
        setError(body?.message ?? "The file could not be uploaded. Try again.");
      }
    } catch {
      setError("The file could not be uploaded. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-describedby="history-hint">
      <div>
        <label htmlFor="history-file" className="block text-sm font-medium text-slate-700">
          History file (optional)
        </label>
        <input id="history-file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block w-full text-sm" aria-invalid={error ? true : undefined} />
        <p id="history-hint" className="mt-1 text-xs text-slate-500">
          {current ? `Using ${current}. Upload another file to replace it. ` : ""}
          Salesforce&apos;s Opportunity History or Opportunity Field History report, or Cadence&apos;s deal history export, matched to the deals by Opportunity ID. HubSpot&apos;s &quot;Date entered&quot; columns are read from the deal file itself.
        </p>
      </div>
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Reading the history…" : current ? "Replace the history file" : "Add the history file"}
      </button>
    </form>
  );
}
