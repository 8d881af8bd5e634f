// What a page shows instead of its data when its query string is invalid (lib/http/search-params.ts): the reason
// and a way back to the unfiltered page.
import Link from "next/link";

export function InvalidFilter({ message, clearHref }: { message: string; clearHref: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-6 py-6 text-sm text-amber-900">
      <p className="font-medium">The filter in the address is invalid.</p>
      <p className="mt-1">{message}</p>
      <p className="mt-3">
        <Link href={clearHref} className="font-medium text-brand-700 hover:underline">
          Clear the filters
        </Link>
      </p>
    </div>
  );
}
