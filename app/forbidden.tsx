import Link from "next/link";




export default function Forbidden() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
        <p className="mt-2 text-slate-600">Your role does not include it. If you think it should, ask your administrator.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          Back to Cadence
        </Link>
      </div>
    </main>
  );
}
