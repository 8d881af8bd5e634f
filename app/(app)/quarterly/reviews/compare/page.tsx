import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getReview } from "@/lib/data/quarterly-reviews";
import { firstParam } from "@/lib/domain/quarterly";
import { parseSearchParams } from "@/lib/http/search-params";
import { PAGE_PARAMS } from "@/lib/http/page-params";
import { InvalidFilter } from "@/components/ui/invalid-filter";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { snapshotRows } from "@/components/quarterly/snapshot-view";

export const metadata: Metadata = { title: "Compare quarterly reviews" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole("MANAGER", "EXECUTIVE", "ADMIN");
  const query = parseSearchParams(PAGE_PARAMS.reviewCompare, await searchParams);
  if (!query.ok) {
    return (
      <>
        <PageHeader title="Compare reviews" />
        <InvalidFilter message={query.message} clearHref="/quarterly/reviews" />
      </>
    );
  }
  const sp = query.value;
  const a = firstParam(sp.a);
  const b = firstParam(sp.b);
  const [ra, rb] = await Promise.all([a ? getReview(actor, a.slice(0, 64)) : null, b ? getReview(actor, b.slice(0, 64)) : null]);
  const back = (
    <Link href="/quarterly/reviews" className={buttonClass("secondary")}>
      All reviews
    </Link>
  );
  if (!ra || !rb) {
    return (
      <>
        <PageHeader title="Compare reviews" actions={back} />
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          Choose two reviews you can see to compare them.
        </p>
      </>
    );
  }
  const left = snapshotRows(ra.snapshot);
  const right = snapshotRows(rb.snapshot);
  return (
    <>
      <PageHeader title="Compare reviews" description="The figures each review froze, side by side." actions={back} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200">
          <thead>
            <tr>
              <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">Figure</th>
              <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">
                <Link href={`/quarterly/reviews/${ra.id}`} className="underline">
                  {ra.label}
                </Link>
              </th>
              <th className="px-3 py-2 text-left text-xs font-semibold uppercase text-slate-500">
                <Link href={`/quarterly/reviews/${rb.id}`} className="underline">
                  {rb.label}
                </Link>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr>
              <th scope="row" className="px-3 py-2 text-left text-sm font-medium">
                Constraint identified
              </th>
              <td className="px-3 py-2 text-sm">{ra.constraintText ?? "—"}</td>
              <td className="px-3 py-2 text-sm">{rb.constraintText ?? "—"}</td>
            </tr>
            {left.map((row, i) => (
              <tr key={row.label}>
                <th scope="row" className="px-3 py-2 text-left text-sm font-medium">
                  {row.label}
                </th>
                <td className="px-3 py-2 text-sm tabular-nums">{row.value}</td>
                <td className="px-3 py-2 text-sm tabular-nums">{right[i]?.value}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" className="px-3 py-2 text-left text-sm font-medium">
                Decisions
              </th>
              <td className="px-3 py-2 text-sm">{ra.decisions.map((d) => d.description).join("; ") || "—"}</td>
              <td className="px-3 py-2 text-sm">{rb.decisions.map((d) => d.description).join("; ") || "—"}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
