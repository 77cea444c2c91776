"""Feature store against training–serving skew.

A team computed its features in Spark for training and re-wrote them in Java for serving; the two
versions drifted apart and production incidents followed. How many feature definitions does a
feature store (one definition compiled to both the batch and the online path) take off the
books, would it have caught the skewed session-length feature of the book's example, and does
the incident cost it avoids outweigh what the platform costs to run? The incident economics are
not in the book: every cost default is an assumption to edit.
"""

from model import Calc, Input, Verdict

TITLE = "Feature store against training–serving skew"
CHAPTER = "14"
SECTION = "Development Infrastructure"

n_features = Input(5000, "feature", doc="Features in the central catalog", source="seed: 5,000+ features (Uber Michelangelo, earlier revision)", integer=True, lo=1)
n_teams = Input(100, "team", doc="ML teams drawing on the catalog", source="seed: 100+ ML teams", integer=True, lo=1)
impls_without_store = Input(2, "implementation/feature", doc="Implementations per feature without a store (Spark for training, Java for serving)", source="seed: Spark for training, Java for serving", integer=True, lo=1)
impls_with_store = Input(1, "implementation/feature", doc="Implementations per feature with a store (one DSL definition compiled to batch and online)", source="seed: features written once in a DSL", integer=True, lo=1)
train_mean_session = Input(45, "min", doc="Mean of user_session_length in the training data", source="Ch. 14 skew example")
serve_mean_session = Input(12, "min", doc="Mean of the same feature as computed at serving", source="Ch. 14 skew example")
example_accuracy_drop = Input(0.08, "1", doc="Accuracy lost one month after deployment in the skew example", source="Ch. 14 skew example", hi=1)
skew_threshold = Input(0.10, "1", doc="Relative gap between training and serving means that flags skew", source="illustrative", illustrative=True, strict_lo=True)
incidents_per_year = Input(40, "incident/year", doc="Production incidents per year across the ML platform", source="illustrative", illustrative=True)
skew_share = Input(0.30, "1", doc="Share of incidents caused by training–serving skew", source="illustrative (seed: 'a significant percentage')", illustrative=True, hi=1)
cost_per_incident = Input(50000, "USD/incident", doc="Cost of one production incident (revenue, engineering time)", source="illustrative", illustrative=True)
residual_skew_share = Input(0.05, "1", doc="Share of skew incidents that still happen with a feature store", source="illustrative (seed: 'near-elimination')", illustrative=True, hi=1)
store_cost_per_year = Input(250000, "USD/year", doc="Cost of building and running the feature-store platform per year", source="illustrative", illustrative=True)
has_point_in_time = Input(1, "1", doc="Checklist: point-in-time correct historical features (no label leakage) — 1 yes, 0 no", source="Ch. 14, feature store design", integer=True, hi=1)
has_versioning = Input(1, "1", doc="Checklist: features are versioned — 1 yes, 0 no", source="Ch. 14, feature store design", integer=True, hi=1)
has_catalog = Input(1, "1", doc="Checklist: central catalog for discovery and reuse — 1 yes, 0 no", source="Ch. 14, feature store design", integer=True, hi=1)
has_single_definition = Input(1, "1", doc="Checklist: one definition serves offline (Hive) and online (Cassandra) — 1 yes, 0 no", source="seed: Hive for training, Cassandra for production", integer=True, hi=1)

definitions_without = Calc("n_features * impls_without_store", "implementation", doc="Implementations to keep in sync without a store")
definitions_with = Calc("n_features * impls_with_store", "implementation", doc="Implementations to maintain with a store")
sync_reduction = Calc("definitions_without / definitions_with", "1", doc="How many times fewer implementations the store leaves to maintain")
features_per_team = Calc("n_features / n_teams", "feature/team", doc="Catalog features per team: the reuse a shared catalog makes possible")
relative_gap = Calc("Abs(train_mean_session - serve_mean_session) / train_mean_session", "%", doc="Gap between the training and serving means, relative to training")
skew_incidents = Calc("incidents_per_year * skew_share", "incident/year", doc="Incidents per year caused by skew")
avoided_cost = Calc("skew_incidents * (1 - residual_skew_share) * cost_per_incident", "USD/year", doc="Incident cost per year the store avoids")
net_benefit = Calc("avoided_cost - store_cost_per_year", "USD/year", doc="Avoided incident cost minus the platform's cost")
checklist_score = Calc("(has_point_in_time + has_versioning + has_catalog + has_single_definition) / 4", "%", doc="Share of the four feature-store design properties in place")

verdict_store = Verdict(
    {"feature store pays off": "net_benefit > 0"},
    otherwise="not yet justified",
    doc="Does the avoided incident cost exceed the platform's cost?",
    tones={"feature store pays off": "neutral", "not yet justified": "neutral"},
)
verdict_example = Verdict(
    {
        "no skew": "relative_gap <= skew_threshold",
        "skew detected — and it cost accuracy": "example_accuracy_drop > 0",
    },
    otherwise="skew detected (no accuracy loss measured yet)",
    doc="Does the session-length feature differ between training and serving by more than the threshold?",
    tones={"no skew": "good", "skew detected — and it cost accuracy": "bad", "skew detected (no accuracy loss measured yet)": "neutral"},
)
verdict_design = Verdict(
    {
        "complete": "checklist_score >= 1",
        "gap: no point-in-time correctness (leakage risk)": "has_point_in_time < 1",
        "gap: no feature versioning": "has_versioning < 1",
        "gap: no central catalog": "has_catalog < 1",
    },
    otherwise="gap: separate offline and online definitions",
    doc="Is the feature store's design complete? Names the first missing property",
    tones={"complete": "good", "gap: no point-in-time correctness (leakage risk)": "bad", "gap: no feature versioning": "bad", "gap: no central catalog": "bad", "gap: separate offline and online definitions": "bad"},
)
