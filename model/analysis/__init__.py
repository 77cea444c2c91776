"""Questions asked of a built model: composition, sweeps, sensitivities, regimes, goal seek, Monte Carlo
and scenarios. Every function is pure over a `Model` (it never changes the session's values).

This package imports the core (`model`) and nothing else of Napkin; adapters import these names from
here, never from the submodules. Importing it loads NumPy, pandas and SymPy, so the CLI's plain
commands import it only inside the commands that need it.
"""

from model.analysis.compose import compose, composed_function, current_point, depends_on, free_inputs, overridden_links
from model.analysis.montecarlo import (
    Distribution,
    MonteCarloResult,
    monte_carlo,
    parse_range,
    percentile_rows,
    range_spec,
)
from model.analysis.regimes import has_switch, regimes, switch_cells
from model.analysis.scenarios import (
    Scenario,
    apply_scenario,
    diff_scenarios,
    load_scenario,
    save_scenario,
    scenario_from_bytes,
    scenario_from_model,
    validate,
)
from model.analysis.sensitivity import derivative_latex, gradient, sensitivity
from model.analysis.solve import in_bounds, solve
from model.analysis.sweep import Axis, parse_axis, sweep
from model.analysis.vectorize import evaluate_points, numpy_source, reach

__all__ = [
    "Axis",
    "Distribution",
    "MonteCarloResult",
    "Scenario",
    "apply_scenario",
    "compose",
    "composed_function",
    "current_point",
    "depends_on",
    "derivative_latex",
    "diff_scenarios",
    "evaluate_points",
    "free_inputs",
    "gradient",
    "has_switch",
    "in_bounds",
    "load_scenario",
    "monte_carlo",
    "numpy_source",
    "overridden_links",
    "parse_axis",
    "parse_range",
    "range_spec",
    "percentile_rows",
    "reach",
    "regimes",
    "save_scenario",
    "scenario_from_bytes",
    "scenario_from_model",
    "sensitivity",
    "solve",
    "sweep",
    "switch_cells",
    "validate",
]
