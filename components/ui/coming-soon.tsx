import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** A route whose capability has not landed yet says so plainly. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Not available yet">
        <p>{what}</p>
      </EmptyState>
    </>
  );
}
