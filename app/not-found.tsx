import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">Not found</h1>
        <p className="mt-2 text-slate-600">There is nothing here, or it is not yours to see.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          Back to Cadence
        </Link>
      </div>
    </main>
  );
}
