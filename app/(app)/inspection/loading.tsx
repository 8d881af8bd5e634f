export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-8 w-72 rounded bg-slate-200" />
      <div className="h-16 rounded bg-slate-200" />
      <div className="h-64 rounded bg-slate-200" />
      <span className="sr-only">Loading the inspection…</span>
    </div>
  );
}
