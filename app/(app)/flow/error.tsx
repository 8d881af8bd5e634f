"use client";
// An unexpected failure of the pipeline flow: a plain message and a retry, never a stack trace.
export default function FlowError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800">
      <p className="font-medium">The pipeline flow could not be loaded.</p>
      <button type="button" onClick={reset} className="mt-2 underline">
        Try again
      </button>
    </div>
  );
}
