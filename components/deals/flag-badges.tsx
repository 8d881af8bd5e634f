// The flags of a deal as badges: stale, no next step, overdue, paused, late stage.
import { Badge } from "@/components/ui/badge";

export const FLAG_LABELS: Record<string, string> = {
  stale: "Stale",
  no_next_step: "No next step",
  overdue: "Overdue next step",
  paused: "Paused",
  late_stage: "Late stage",
};

const TONE: Record<string, "bad" | "warn" | "neutral" | "info"> = { stale: "bad", no_next_step: "warn", overdue: "warn", paused: "neutral", late_stage: "info" };

export function FlagBadges({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return <span className="text-xs text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {flags.map((f) => (
        <Badge key={f} tone={TONE[f] ?? "neutral"}>
          {FLAG_LABELS[f] ?? f}
        </Badge>
      ))}
    </span>
  );
}
