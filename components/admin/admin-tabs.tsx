// The administration section's tabs.
import Link from "next/link";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/stages", label: "Pipeline stages" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/outbox", label: "Outbox" },
  { href: "/admin/tokens", label: "Service tokens" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/import", label: "Import" },
];

export function AdminTabs({ current }: { current: string }) {
  return (
    <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`rounded-t-md px-3 py-2 text-sm font-medium ${t.href === current ? "border-b-2 border-brand-600 text-brand-700" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
