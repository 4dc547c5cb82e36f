"""Chart series: for each charted target, the actual values from the baseline year to the
target year (up to the year assessed) and the required compound path x0·(1+g)^(year − t0),
the data the Excel gap table plots. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from railkpi.calc.assess import series_for
from railkpi.calc.formulas import finite, power
from railkpi.calc.results import Assessment, TargetResult
from railkpi.read.observation import Observation
from railkpi.records import record


@record
class ChartData:
    """One chart: the actual series and the required compound path, year by year."""

    plan_id: str
    result: TargetResult
    years: tuple[int, ...]
    actual: tuple[float | None, ...]
    path: tuple[float | None, ...]


def chart_data(
    assessment: Assessment, observations: Sequence[Observation]
) -> list[ChartData]:
    """Every target on an indicator the plan marks `chart: true`, and every growth target, of
    each plan (each-year and trend targets have no path): actual values from the baseline year
    to the target year (up to the year assessed), and x0·(1+required_cagr)^(y−t0)."""
    charts = []
    as_of = assessment.as_of
    for plan_result in assessment.plans:
        plan = plan_result.plan
        for r in plan_result.targets:
            if r.target.kind in ("each_year", "trend"):
                continue
            if not r.indicator.chart and r.target.kind != "growth":
                continue
            t0 = r.baseline.year if r.baseline is not None else (
                r.target.baseline_year or plan.plan.baseline_year)
            years = tuple(range(t0, r.target_year + 1))
            series = series_for(plan, r.target.indicator,
                                [o for o in observations
                                 if o.indicator == r.target.indicator])
            actual = tuple(series[y].value if y in series and y <= as_of else None
                           for y in years)
            if r.baseline is not None and r.required_cagr is not None:
                x0, g = r.baseline.value, r.required_cagr
                path: tuple[float | None, ...] = tuple(
                    finite(x0 * power(1 + g, y - t0)) for y in years)
            else:
                path = tuple(None for _ in years)
            charts.append(ChartData(plan.id, r, years, actual, path))
    return charts
