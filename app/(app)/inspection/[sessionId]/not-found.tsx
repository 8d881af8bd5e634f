import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function SessionNotFound() {
  return (
    <EmptyState title="Inspection not found">
      It does not exist, or it is not one you can see. <Link href="/inspection/history" className="text-brand-700 hover:underline">Past inspections</Link>
    </EmptyState>
  );
}
