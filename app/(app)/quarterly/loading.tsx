export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-8 w-80 rounded bg-slate-200" />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-28 rounded bg-slate-200" />
        ))}
      </div>
      <div className="h-64 rounded bg-slate-200" />
      <span className="sr-only">Loading the quarterly review…</span>
    </div>
  );
}
