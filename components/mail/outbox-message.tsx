// One e-mail as its recipient sees it: the HTML part in a sandboxed frame (no scripts, no same-origin access),
// with the plain-text part below.
export function OutboxMessage({ subject, recipient, html, text }: { subject: string; recipient: string; html: string | null; text: string | null }) {
  if (!html) {
    return <p className="text-sm text-slate-600">Not rendered yet: the worker renders a message when it delivers it (within a minute).</p>;
  }
  return (
    <div className="space-y-3">
      <iframe title={`E-mail "${subject}" to ${recipient}`} sandbox="" srcDoc={html} className="h-[32rem] w-full rounded-md border border-slate-200 bg-white" />
      <details>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Plain-text part</summary>
        <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-800">{text}</pre>
      </details>
    </div>
  );
}
