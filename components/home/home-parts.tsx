// Small pieces of the home pages: a figure that links to what is behind it, and a titled list with its empty state.
import Link from "next/link";
import type { ReactNode } from "react";

/** A headline number; the number itself is the link to the list it counts. */
export function LinkedFigure({ label, value, href, detail, tone = "neutral", testId }: { label: string; value: ReactNode; href: string; detail?: ReactNode; tone?: "neutral" | "bad" | "good"; testId?: string }) {
  const color = tone === "bad" ? "text-red-700" : tone === "good" ? "text-emerald-700" : "text-slate-900";
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 break-words text-2xl font-semibold tabular-nums ${color}`}>
        <Link href={href} className="hover:underline" data-testid={testId}>{value}</Link>
      </p>
      {detail && <div className="mt-1 text-xs text-slate-600">{detail}</div>}
    </div>
  );
}

export function HomeSection({ id, title, description, actions, children }: { id?: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={id ? `${id}-title` : undefined} className="min-w-0 scroll-mt-20 rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h2 id={id ? `${id}-title` : undefined} className="text-base font-semibold">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
        </div>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

export function EmptyLine({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}
