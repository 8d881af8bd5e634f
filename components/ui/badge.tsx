// A small coloured label (flags, statuses). The classes are defined once in app/globals.css (`.badge-*`).
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "info" | "good" | "warn" | "bad";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
