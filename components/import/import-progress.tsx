"use client";
// The running import's progress bar: polls the job every half second and refreshes the page when it ends.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

interface Progress {
  status: string;
  totalRows: number;
  processed: number;
}

export function ImportProgress({ jobId, initial }: { jobId: string; initial: Progress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const response = await fetch(`/api/import/${jobId}`, { cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as Progress;
          if (stopped) return;
          setProgress(next);
          if (next.status !== "RUNNING") {
            router.refresh();
            return;
          }
        }
      } catch {
        // A dropped poll is retried at the next tick.
      }
      if (!stopped) timer = setTimeout(tick, 500);
    };
    let timer = setTimeout(tick, 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, router]);
  const percent = progress.totalRows ? Math.floor((progress.processed / progress.totalRows) * 100) : 0;
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={progress.totalRows}
        aria-valuenow={progress.processed}
        aria-valuetext={`${percent}%`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {progress.processed.toLocaleString("en-US")} of {progress.totalRows.toLocaleString("en-US")} rows written ({percent}%). Nothing is visible to others until every row is in.
      </p>
    </div>
  );
}
