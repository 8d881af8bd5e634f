export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-8 w-80 rounded bg-slate-200" />
      <div className="h-12 w-full max-w-2xl rounded bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="h-80 rounded bg-slate-200" />
        <div className="h-80 rounded bg-slate-200" />
      </div>
      <span className="sr-only">Loading the pipeline flow…</span>
    </div>
  );
}
