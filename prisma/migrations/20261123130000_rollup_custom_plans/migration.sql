-- The rollup functions run their statements through PL/pgSQL's plan cache. After five calls PostgreSQL may switch to
-- a generic plan made while the tables were small (a fresh database, the start of a large import), and keep it while
-- the tables grow: a nested loop over a sequential scan, once per imported deal. A custom plan for every call is
-- planned with the real array of deal ids and the tables' current size, and planning costs far less than that risk.
ALTER FUNCTION quarterly_rollup_refresh(TEXT[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION quarterly_rollup_lead_rows() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION quarterly_rollup_activity_rows() SET plan_cache_mode = force_custom_plan;
