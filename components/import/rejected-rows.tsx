// The rows an import leaves out, each with its line in the file and the reason.
const SHOWN = 200;

export function RejectedRows({ rows, total }: { rows: { line: number; reason: string }[]; total: number }) {
  if (total === 0) return <p className="text-sm text-slate-600">Every row is valid.</p>;
  return (
    <>
      <table className="w-full text-left text-sm" aria-label="Invalid rows">
        <thead>
          <tr className="text-slate-500">
            <th className="py-1 pr-4 font-medium">Line</th>
            <th className="py-1 font-medium">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((e) => (
            <tr key={e.line} className="border-t border-slate-100">
              <td className="py-1 pr-4 tabular-nums">{e.line}</td>
              <td className="py-1">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > SHOWN && <p className="mt-2 text-sm text-slate-600">…and {total - SHOWN} more.</p>}
    </>
  );
}
