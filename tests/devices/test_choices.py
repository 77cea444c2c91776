"""Device choices: hand-worked values on other hardware, the n/a state, and build checks."""

from __future__ import annotations

import pytest

from model import Calc, Device, Input, InputError, Model, ModelDefinitionErrors, SheetDef, build_graph
from model.devices import Family, FamilyCell
from sheets import load_sheets


@pytest.fixture()
def m(graph):
    return Model(graph)


# p03: ResNet-50 at batch 1 reads 25.6 M FP16 weights (51.2 MB) and does 4.1 GFLOP per image.
WEIGHT_BYTES = 25.6e6 * 2
OPS = 4.1e9


def test_p03_on_h100_by_hand(m):
    m.set("p03.gpu", "gpu_h100")
    t_compute = OPS / 989e12 * 1e3  # ms: dense FP16 989 TFLOP/s
    t_memory = WEIGHT_BYTES / 3350e9 * 1e3  # ms: 3.35 TB/s
    assert m.value("p03.t_compute_gpu") == pytest.approx(t_compute, rel=1e-12)  # 0.0041456 ms
    assert m.value("p03.t_memory_gpu") == pytest.approx(0.0152836, rel=1e-5)
    assert m.value("p03.latency_gpu") == pytest.approx(t_memory, rel=1e-12)
    assert m.value("p03.verdict_gpu") == "memory-bound"
    assert m.value("p03.ridge_gpu") == pytest.approx(295.22, rel=1e-4)
    assert m.value("p03.speed_ratio") == pytest.approx(0.256 / (t_memory), rel=1e-9)  # NPU 25.6 MB / 100 GB/s
    assert m.link_of("p03.peak_gpu") == "gpu_h100.peak_fp16_tensor"


def test_p03_on_tpu_v5e_by_hand(m):
    m.set("p03.gpu", "tpu_v5e")
    assert m.value("p03.peak_gpu") == 197  # BF16 peak fills the 16-bit matrix cell
    assert m.value("p03.t_compute_gpu") == pytest.approx(0.0208122, rel=1e-5)  # 4.1e9 / 197e12
    assert m.value("p03.t_memory_gpu") == pytest.approx(0.0625153, rel=1e-5)  # 51.2e6 / 819e9
    assert m.value("p03.latency_gpu") == pytest.approx(0.0625153, rel=1e-5)
    assert m.value("p03.verdict_gpu") == "memory-bound"
    assert m.value("p03.ridge_gpu") == pytest.approx(240.54, rel=1e-4)  # 197e12 / 819e9


def test_switching_back_restores_the_default(m, graph):
    before = {c.name: m.value(c.name) for c in graph.sheet_cells("p03")}
    m.set("p03.gpu", "gpu_b200")
    assert m.value("p03.latency_gpu") == pytest.approx(WEIGHT_BYTES / 8000e9 * 1e3)
    m.reset(["p03.gpu"])
    assert {c.name: m.value(c.name) for c in graph.sheet_cells("p03")} == before
    assert m.value("p03.gpu") == "gpu_a100"


def test_p01_training_days_on_b200_by_hand(m):
    assert m.value("model_gpt3.training_ops") == pytest.approx(3.14e23)
    m.set("p01.gpu", "gpu_b200")
    # 3.14e23 FLOP / (1024 GPUs x 2,250 TFLOP/s dense FP16 x 0.45) / 86,400 s/day
    days = 3.14e23 / (1024 * 2250e12 * 0.45) / 86400
    assert days == pytest.approx(3.50526, rel=1e-5)
    assert m.value("p01.days_base") == pytest.approx(days, rel=1e-12)
    assert m.value("p01.days_improved") == pytest.approx(3.14e23 / (1024 * 2250e12 * 0.60) / 86400, rel=1e-12)


def test_editing_a_member_spec_reaches_the_problem_only_when_chosen(m):
    m.set("gpu_h100.mem_bw", 4000)
    assert m.value("p03.mem_bw_gpu") == 2039  # A100 still chosen
    assert not any(n.startswith("p03.") for n in m.last_recomputed)  # nothing of p03 recomputed
    assert "p03.t_memory_gpu" not in m.downstream("gpu_h100.mem_bw")
    m.set("p03.gpu", "gpu_h100")
    assert m.value("p03.mem_bw_gpu") == 4000
    assert "p03.t_memory_gpu" in m.downstream("gpu_h100.mem_bw")
    m.set("gpu_h100.mem_bw", 5000)
    assert "p03.t_memory_gpu" in m.last_recomputed and m.value("p03.mem_bw_gpu") == 5000
    m.set("gpu_h100.mem_bw", 4000)
    assert m.value("p03.t_memory_gpu") == pytest.approx(WEIGHT_BYTES / 4000e9 * 1e3)


def test_unknown_member_is_refused_with_a_hint_and_nothing_changes(m):
    with pytest.raises(InputError) as exc:
        m.set("p03.gpu", "gpu_h10")
    assert "did you mean 'gpu_h100'" in str(exc.value) and "p03.gpu" in str(exc.value)
    with pytest.raises(InputError):
        m.set("p03.gpu", 2.5)
    assert m.value("p03.gpu") == "gpu_a100" and not m.overrides()


def test_choice_accepts_any_case_and_reports_overrides_by_name(m):
    m.set("p03.gpu", "GPU_H100")
    assert m.overrides() == {"p03.gpu": "gpu_h100"}
    assert m.choices()["p03.gpu"] == "gpu_h100"


def _fp8_sheet():
    return SheetDef("tfp8", "FP8 question", "problem", "", "", "How long does FP8 work take?", cells=[
        ("gpu", Device("accelerator", default="gpu_h100", doc="device")),
        ("work", Input(1e15, "FLOP", doc="work")),
        ("peak_fp8", Input(link="gpu.peak_fp8_tensor", unit="TFLOP/s", doc="FP8 peak")),
        ("t_fp8", Calc("work / peak_fp8", "ms", doc="time at FP8 peak")),
    ])


def test_fp8_question_on_a_device_without_fp8_says_so():
    g = build_graph(load_sheets() + [_fp8_sheet()])
    m = Model(g)
    assert m.value("tfp8.t_fp8") == pytest.approx(1e15 / 1979e12 * 1e3)  # H100 dense FP8
    m.set("tfp8.gpu", "gpu_t4")
    err = m.error("tfp8.peak_fp8")
    assert str(err) == "gpu_t4 has no FP8 (peak_fp8_tensor is n/a: Turing Tensor Cores have no FP8 mode)"
    assert m.value("tfp8.t_fp8") is None
    assert str(m.error("tfp8.t_fp8")).startswith("blocked by 'tfp8.peak_fp8': gpu_t4 has no FP8")
    m.set("tfp8.gpu", "gpu_b200")
    assert m.error("tfp8.t_fp8") is None
    assert m.value("tfp8.t_fp8") == pytest.approx(1e15 / 4500e12 * 1e3)


def test_vectorised_lookup_matches_the_scalar_engine():
    import numpy as np

    from model.analysis.vectorize import cell_functions

    g = build_graph(load_sheets() + [_fp8_sheet()])
    m = Model(g)
    c = g.cell("tfp8.peak_fp8")
    f = cell_functions(g)[c.index]
    members = g.cell("tfp8.gpu").labels
    v = list(m._values)
    v[g.index["tfp8.gpu"]] = np.arange(len(members), dtype=float)
    out = f(v)
    for k, name in enumerate(members):
        m.set("tfp8.gpu", name)
        scalar = m.si_value("tfp8.peak_fp8")
        assert (np.isnan(out[k]) and m.error("tfp8.peak_fp8") is not None) or out[k] == pytest.approx(scalar)


FAM = {"toy": Family("toy", "toy family", {"speed": FamilyCell("GB/s", "speed", "speed"),
                                           "fp8": FamilyCell("TFLOP/s", "fp8", "FP8")})}


def _member(sid, cells, **extra):
    sd = SheetDef(sid, sid, "spec", "", "", "", cells=cells)
    sd.family = "toy"
    for k, v in extra.items():
        setattr(sd, k, v)
    return sd


def test_build_checks_members_against_their_family():
    a = _member("dev_a", [("speed", Input(1, "GB/s", doc="s")), ("fp8", Input(2, "TFLOP/s", doc="f"))])
    b = _member("dev_b", [("speed", Input(1, "W", doc="s"))])  # wrong unit, fp8 neither given nor n/a
    c = _member("dev_c", [("speed", Input(1, "GB/s", doc="s"))], na={"fp8": "none"}, aliases={"bogus": "speed"})
    with pytest.raises(ModelDefinitionErrors) as exc:
        build_graph([a, b, c], families=FAM)
    text = str(exc.value)
    assert "Cell 'dev_b.speed' is in 'W' but family 'toy' declares 'speed' in 'GB/s'" in text
    assert "Sheet 'dev_b' is a member of family 'toy' but has no cell 'fp8'" in text
    assert "Sheet 'dev_c' maps or marks n/a 'bogus'" in text


def test_build_refuses_a_default_member_that_lacks_the_linked_cell():
    a = _member("dev_a", [("speed", Input(1, "GB/s", doc="s"))], na={"fp8": "no FP8 here"})
    p = SheetDef("p99", "t", "problem", "", "", "", cells=[
        ("dev", Device("toy", default="dev_a")), ("f", Input(link="dev.fp8", unit="TFLOP/s", doc="f")),
        ("g", Input(link="dev.nope", unit="TFLOP/s", doc="g")), ("x", Calc("f + g", "TFLOP/s", doc="x"))])
    with pytest.raises(ModelDefinitionErrors) as exc:
        build_graph([a, p], families=FAM)
    text = str(exc.value)
    assert "links 'dev.fp8', which is n/a for the default member: dev_a has no FP8" in text
    assert "Input 'p99.g' links 'dev.nope', but family 'toy' has no cell 'nope'" in text


def test_build_refuses_an_unknown_default_member():
    a = _member("dev_a", [("speed", Input(1, "GB/s", doc="s")), ("fp8", Input(2, "TFLOP/s", doc="f"))])
    p = SheetDef("p99", "t", "problem", "", "", "", cells=[
        ("dev", Device("toy", default="dev_z")), ("f", Input(link="dev.speed", unit="GB/s", doc="f")),
        ("x", Calc("f", "GB/s", doc="x"))])
    with pytest.raises(ModelDefinitionErrors) as exc:
        build_graph([a, p], families=FAM)
    assert "has default 'dev_z', which is not a member of 'toy' (dev_a)" in str(exc.value)


def test_every_catalog_member_fits_its_family(graph):
    from model.catalog import families

    fams = families(Model(graph))
    assert {"gpu_h200", "gpu_b200", "gpu_gb200", "gpu_l4", "gpu_l40s", "gpu_rtx4090", "gpu_mi300x", "gpu_mi325x",
            "tpu_v5e", "tpu_v5p", "tpu_v6e", "hpu_gaudi3", "soc_m4_max", "edge_jetson"} <= set(fams["accelerator"])
    assert set(fams["microcontroller"]) == {"mcu_cortex_m7", "mcu_esp32"}
