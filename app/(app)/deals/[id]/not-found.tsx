import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function DealNotFound() {
  return (
    <EmptyState title="Deal not found">
      It does not exist, or it is not one you can see. <Link href="/deals" className="text-brand-700 hover:underline">Back to deals</Link>
    </EmptyState>
  );
}
