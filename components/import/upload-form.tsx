"use client";
// The upload step: the file goes to /api/import, which checks size, encoding, delimiter and headers before anything else.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/ui/field";

export function UploadForm({ maxBytes, maxLabel }: { maxBytes: number; maxLabel: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a CSV file to import.");
    if (file.size > maxBytes) return setError(`The file is larger than the ${maxLabel} limit. Split it into smaller files.`);
    setPending(true);
    try {
      const response = await fetch("/api/import", { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as { ok?: boolean; jobId?: string; message?: string } | null;
      if (response.ok && body?.jobId) {
        router.push(`/import/${body.jobId}`);
        return;
      }
      setError(body?.message ?? "The file could not be uploaded. Try again.");
    } catch {
      setError("The file could not be uploaded. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby="upload-hint">
      <div>
        <label htmlFor="import-kind" className="block text-sm font-medium text-slate-700">
          The file contains
        </label>
        <select id="import-kind" name="kind" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" defaultValue="DEALS">
          <option value="DEALS">Deals (opportunities)</option>
          <option value="ACCOUNTS">Accounts (companies)</option>
          <option value="USERS">Users (people and their teams)</option>
          <option value="LEADS">Leads (a CRM leads or contacts export)</option>
        </select>
      </div>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
          CSV file
        </label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block w-full text-sm" aria-invalid={error ? true : undefined} />
        <p id="upload-hint" className="mt-1 text-xs text-slate-500">
          UTF-8 CSV up to {maxLabel}, comma, semicolon or tab separated, with a header row. Nothing is written before you confirm the preview.
        </p>
      </div>
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <button type="submit" disabled={pending} className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Reading the file…" : "Upload and map columns"}
      </button>
    </form>
  );
}
