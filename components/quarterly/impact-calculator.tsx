"use client";
// The revenue impact calculator: its assumptions are visible and editable, defaults come from the organisation's
// own rates, and every figure is recomputed in the browser with the pure functions of lib/domain/revenue-impact.ts.
import { useId, useMemo, useState } from "react";
import { checkConversionInputs, checkCycleInputs, checkProbability, conversionImprovementValue, revenueAtRisk, shorterCycleValue } from "@/lib/domain/revenue-impact";
import { formatMoney, formatNumber } from "@/lib/format";
import { inputClass } from "@/components/ui/field";

export interface CalculatorStage {
  stageId: string;
  name: string;
  reached: number;
  advanced: number;
  /** Conversion to the next step (0..1), null when no deal reached it. */
  rate: number | null;
}

export interface CalculatorDefaults {
  currency: string;
  staleByStage: { name: string; staleMinor: number; probability: number; staleDeals: number }[];
  stages: CalculatorStage[];
  wonDeals: number;
  constraintStageId: string | null;
  averageDealSizeMinor: number | null;
  winRate: number | null;
  cycleDays: number | null;
  openQualifiedDeals: number;
  horizonDays: number;
}

function NumberInput({ label, value, onChange, step = "any", suffix, min = 0, max, error }: { label: string; value: number; onChange: (v: number) => void; step?: string; suffix?: string; min?: number; max?: number; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {suffix && <span className="font-normal text-slate-500"> ({suffix})</span>}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={Number.isFinite(value) ? value : ""}
        onChange={(e) => onChange(e.target.value === "" ? 0 : Number(e.target.value))}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const FIX = "fix the field above";

const pct = (x: number | null) => (x === null ? 0 : Math.round(x * 1000) / 10);

export function ImpactCalculator({ defaults }: { defaults: CalculatorDefaults }) {
  const { currency } = defaults;
  const money = (minor: number | null) => formatMoney(minor === null ? null : Math.round(minor), currency);

  // Stale deals: the probability applied to each stage's stale amount is an assumption the reader may change.
  const [probabilities, setProbabilities] = useState(() => defaults.staleByStage.map((s) => s.probability));
  const atRisk = useMemo(
    () => revenueAtRisk(defaults.staleByStage.map((s, i) => ({ amountMinor: s.staleMinor, probability: probabilities[i] ?? 0 }))),
    [defaults.staleByStage, probabilities],
  );

  // One stage's conversion.
  const firstStage = defaults.constraintStageId ?? defaults.stages.find((s) => s.rate !== null)?.stageId ?? defaults.stages[0]?.stageId ?? "";
  const [stageId, setStageId] = useState(firstStage);
  const stage = defaults.stages.find((s) => s.stageId === stageId);
  const baseRate = pct(stage?.rate ?? null);
  const [improvedPct, setImprovedPct] = useState(() => Math.min(100, baseRate + 10));
  const [reaching, setReaching] = useState(stage?.reached ?? 0);
  const winAfterDefault = stage && stage.advanced > 0 ? Math.min(1, defaults.wonDeals / stage.advanced) : 0;
  const [winAfterPct, setWinAfterPct] = useState(pct(winAfterDefault));
  const [dealSize, setDealSize] = useState(Math.round((defaults.averageDealSizeMinor ?? 0) / 100));
  const chooseStage = (id: string) => {
    const s = defaults.stages.find((x) => x.stageId === id);
    setStageId(id);
    const rate = pct(s?.rate ?? null);
    setImprovedPct(Math.min(100, rate + 10));
    setReaching(s?.reached ?? 0);
    setWinAfterPct(pct(s && s.advanced > 0 ? Math.min(1, defaults.wonDeals / s.advanced) : 0));
  };
  const conversion = conversionImprovementValue({
    dealsReachingStage: reaching,
    currentRate: baseRate / 100,
    improvedRate: improvedPct / 100,
    winRateAfterStage: winAfterPct / 100,
    averageDealSizeMinor: dealSize * 100,
  });

  // A shorter cycle.
  const [openDeals, setOpenDeals] = useState(defaults.openQualifiedDeals);
  const [winRatePct, setWinRatePct] = useState(pct(defaults.winRate));
  const [cycleNow, setCycleNow] = useState(Math.round((defaults.cycleDays ?? 0) * 10) / 10);
  const [cycleShorter, setCycleShorter] = useState(Math.round((defaults.cycleDays ?? 0) * 0.85 * 10) / 10);
  const cycle = shorterCycleValue({
    openQualifiedDeals: openDeals,
    winRate: winRatePct / 100,
    averageDealSizeMinor: dealSize * 100,
    currentCycleDays: cycleNow,
    shorterCycleDays: cycleShorter,
    horizonDays: defaults.horizonDays,
  });

  // Nonsense (a conversion above 100%, a "shorter" cycle longer than today's, negative amounts) gets no figure, and
  // the field says why.
  const conversionErrors = checkConversionInputs({ improvedPct, reaching, winAfterPct, dealSize });
  const cycleErrors = checkCycleInputs({ openDeals, winRatePct, cycleNow, cycleShorter });

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section aria-labelledby="calc-stale" className="space-y-3">
        <h3 id="calc-stale" className="font-semibold">
          Revenue at risk in stale deals
        </h3>
        <p className="text-sm text-slate-600">Stale amount per stage × the chance it closes (the stage probability by default).</p>
        {defaults.staleByStage.filter((s) => s.staleDeals > 0).length === 0 && <p className="text-sm text-slate-600">No stale deals today.</p>}
        {defaults.staleByStage.map((s, i) =>
          s.staleDeals > 0 ? (
            <NumberInput
              key={s.name}
              label={`${s.name}: ${s.staleDeals} stale, ${money(s.staleMinor)}`}
              suffix="probability %"
              max={100}
              value={probabilities[i]}
              onChange={(v) => setProbabilities((p) => p.map((x, j) => (j === i ? v : x)))}
              error={checkProbability(probabilities[i])}
            />
          ) : null,
        )}
        <p className="rounded-md bg-amber-50 p-3 text-sm">
          At risk: <strong data-testid="calc-at-risk">{probabilities.some((p) => checkProbability(p)) ? FIX : money(atRisk)}</strong>
        </p>
      </section>

      <section aria-labelledby="calc-conversion" className="space-y-3">
        <h3 id="calc-conversion" className="font-semibold">
          A better conversion at one stage
        </h3>
        <div>
          <label htmlFor="calc-stage" className="block text-sm font-medium text-slate-700">
            Stage
          </label>
          <select id="calc-stage" value={stageId} onChange={(e) => chooseStage(e.target.value)} className={inputClass}>
            {defaults.stages.map((s) => (
              <option key={s.stageId} value={s.stageId}>
                {s.name} (today {s.rate === null ? "no data" : `${pct(s.rate)}%`})
              </option>
            ))}
          </select>
        </div>
        <NumberInput label="Improved conversion" suffix={`%, today ${baseRate}%`} max={100} value={improvedPct} onChange={setImprovedPct} error={conversionErrors.improvedPct} />
        <NumberInput label="Deals reaching the stage next quarter" value={reaching} onChange={setReaching} step="1" error={conversionErrors.reaching} />
        <NumberInput label="Win rate after the stage" suffix="%" max={100} value={winAfterPct} onChange={setWinAfterPct} error={conversionErrors.winAfterPct} />
        <NumberInput label="Average deal size" suffix={currency} value={dealSize} onChange={setDealSize} step="1" error={conversionErrors.dealSize} />
        <p className="rounded-md bg-emerald-50 p-3 text-sm">
          Worth over the next quarter: <strong data-testid="calc-conversion-value">{Object.keys(conversionErrors).length ? FIX : money(conversion.valueMinor)}</strong>
          <span className="block text-xs text-slate-600">{formatNumber(conversion.extraDealsWon, 1)} more deals won</span>
        </p>
      </section>

      <section aria-labelledby="calc-cycle" className="space-y-3">
        <h3 id="calc-cycle" className="font-semibold">
          A shorter sales cycle
        </h3>
        <NumberInput label="Open qualified deals" value={openDeals} onChange={setOpenDeals} step="1" error={cycleErrors.openDeals} />
        <NumberInput label="Win rate" suffix="%" max={100} value={winRatePct} onChange={setWinRatePct} error={cycleErrors.winRatePct} />
        <NumberInput label="Cycle length today" suffix="days" value={cycleNow} onChange={setCycleNow} error={cycleErrors.cycleNow} />
        <NumberInput label="Shorter cycle" suffix="days" value={cycleShorter} onChange={setCycleShorter} error={cycleErrors.cycleShorter} />
        <p className="rounded-md bg-emerald-50 p-3 text-sm">
          Worth over the next {defaults.horizonDays} days: <strong data-testid="calc-cycle-value">{Object.keys(cycleErrors).length ? FIX : money(cycle.valueMinor)}</strong>
          <span className="block text-xs text-slate-600">
            Velocity {money(cycle.velocityNow)}/day → {money(cycle.velocityShorter)}/day
          </span>
        </p>
      </section>
    </div>
  );
}
