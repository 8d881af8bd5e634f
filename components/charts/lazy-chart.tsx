"use client";
// Client-only lazy charts. recharts is fetched only when a chart reaches the viewport (or, ahead of that, on the first
// scroll), and charts are drawn one per task: recharts draws a chart in one synchronous pass, so two charts drawn
// together make one long task that blocks the page. Until then a placeholder of the chart's height holds its place.
import { flushSync } from "react-dom";
import { useEffect, useRef, useState, type ComponentType } from "react";

/** A chart module's import, e.g. `() => import("./trend-chart")`. Define it once at module level: it must be stable. */
export type ChartLoader<P> = () => Promise<{ default: ComponentType<P> }>;

const turns: (() => void)[] = [];

function drawInTurn(draw: () => void) {
  turns.push(draw);
  if (turns.length === 1) setTimeout(nextTurn, 0);
}

function nextTurn() {
  // flushSync: this chart's render and commit happen in this task, alone; the next chart waits for the next task.
  flushSync(turns[0]);
  turns.shift();
  if (turns.length > 0) setTimeout(nextTurn, 0);
}

/** The grey block shown until a chart is drawn. It fills the slot, which has the chart's height: nothing moves (CLS 0). */
function ChartPlaceholder() {
  return <div className="h-full w-full animate-pulse rounded bg-slate-100" aria-hidden="true" />;
}

/** `height` must be the chart's own height (px), so that the slot neither grows nor shrinks when the chart arrives. */
export function LazyChart<P extends object>({ load, height, props }: { load: ChartLoader<P>; height: number; props: P }) {
  const slot = useRef<HTMLDivElement>(null);
  const [Chart, setChart] = useState<ComponentType<P> | null>(null);

  useEffect(() => {
    const element = slot.current;
    if (!element) return;
    let active = true;
    // A failed chunk load leaves the placeholder: the same figures are in the tables beside every chart.
    const prefetch = () => void load().catch(() => undefined);
    const draw = () =>
      load().then(
        (module) => active && drawInTurn(() => active && setChart(() => module.default)),
        () => undefined,
      );
    window.addEventListener("scroll", prefetch, { once: true, passive: true });
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void draw();
    });
    observer.observe(element);
    return () => {
      active = false;
      observer.disconnect();
      window.removeEventListener("scroll", prefetch);
    };
  }, [load]);

  return (
    <div ref={slot} style={{ height }}>
      {Chart ? <Chart {...props} /> : <ChartPlaceholder />}
    </div>
  );
}
