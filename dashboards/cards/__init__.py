"""The dashboard's cards: each a `pn.viewable.Viewer` over one `Session`, in its own module."""

from dashboards.cards.base import Card, HeavyCard
from dashboards.cards.compare import CompareCard
from dashboards.cards.derivation import DerivationCard
from dashboards.cards.devices import DevicesCard
from dashboards.cards.inputs import InputsCard
from dashboards.cards.regimes import RegimesCard
from dashboards.cards.results import ResultsCard
from dashboards.cards.roofline import RooflineCard
from dashboards.cards.sensitivity import SensitivityCard
from dashboards.cards.status import StatusCard
from dashboards.cards.sweep import SweepCard

__all__ = ["Card", "CompareCard", "DerivationCard", "DevicesCard", "HeavyCard", "InputsCard", "RegimesCard", "ResultsCard", "RooflineCard",
           "SensitivityCard", "StatusCard", "SweepCard"]
