"""Reference spec sheets: every sheet and cell of specs.md exists, is documented and sourced,
derived rows are formulas, links point where specs.md says, and the seed's figures come out.

Expected numbers are worked out by hand here from the datasheet values, never read back from
the model.
"""

from __future__ import annotations

import pytest

from model import Kind, Model
from sheets import default_graph

SPEC_IDS = ["gpu_v100", "gpu_a100", "gpu_h100", "gpu_h200", "gpu_b200", "gpu_t4", "gpu_mi300x", "tpu_v4", "npu_phone", "edge_jetson", "mcu_esp32", "mcu_cortex_m7", "ws_dgx_spark", "cpu_server", "ref_roofline", "ref_precision", "ref_thresholds", "ref_devices", "ref_spectrum", "ref_interconnect", "ref_dam", "phys", "net", "storage", "energy", "econ", "grid", "cal", "eff", "model_resnet50", "model_mobilenet_v2", "model_bert_base", "model_gpt2_xl", "model_gpt3", "model_llama2_7b", "model_llama2_70b", "model_dlrm", "model_mnist_mlp"]

# Cell names per sheet as specs.md lists them ("a / b" rows expanded).
REQUIRED = {
    "gpu_v100": "peak_fp16_tensor peak_fp32 mem_bw mem_capacity tdp unit_price nvlink_bw ridge_fp16",
    "gpu_a100": "peak_fp16_tensor peak_fp16_sparse peak_tf32 peak_fp32 peak_int8_tensor peak_int8_sparse mem_bw mem_capacity tdp unit_price nvlink_bw embodied_carbon ridge_fp16 ridge_fp32",
    "gpu_h100": "peak_fp16_tensor peak_fp16_sparse peak_fp8_tensor peak_tf32 peak_int8_tensor peak_fp32 mem_bw mem_capacity tdp unit_price nvlink_bw pcie_bw l2_cache sm_count embodied_carbon ridge_fp16",
    "gpu_h200": "peak_fp16_tensor peak_fp8_tensor mem_bw mem_capacity tdp unit_price ridge_fp16",
    "gpu_b200": "peak_fp16_tensor peak_fp16_sparse peak_fp8_tensor peak_fp4_tensor mem_bw mem_capacity tdp unit_price nvlink_bw ridge_fp16",
    "gpu_t4": "peak_fp16_tensor peak_int8_tensor mem_bw mem_capacity tdp unit_price ridge_fp16",
    "gpu_mi300x": "peak_fp16_tensor peak_fp8_tensor peak_int8_tensor peak_fp32 mem_bw mem_capacity tdp unit_price ridge_fp16",
    "tpu_v4": "peak_bf16 mem_bw mem_capacity tdp rent_per_hour pod_chips pod_hbm pod_power pod_peak ridge_bf16",
    "npu_phone": "peak_int8 peak_int8_alt mem_bw mem_bw_alt sustained_power battery_energy object_detector_power ram storage_min storage_max price_min ridge_int8",
    "edge_jetson": "peak_int8 peak_fp16 mem_bw mem_capacity tdp agx_peak_int8 agx_mem_bw agx_mem_capacity agx_tdp_min agx_tdp_max",
    "mcu_esp32": "cpu_clock cpu_cores ram flash power_min power_max unit_price peak_coarse mem_bw_coarse peak_s3_fp32",
    "mcu_cortex_m7": "ram mem_bw peak m4f_ram",
    "ws_dgx_spark": "peak_fp4_sparse peak_fp4 peak_fp8 peak_fp16 mem_capacity mem_bw storage power price_min price_max ridge_fp16",
    "cpu_server": "peak_fp32 system_mem_bw host_dram_bw server_power ref_cpu_power edge_server_mem_bw",
    "ref_roofline": "ridge_ref conv2d_dense_ai_min conv2d_dense_ai_max matmul_batched_ai_min matmul_batched_ai_max depthwise_conv_ai_min depthwise_conv_ai_max attn_softmax_ai_min attn_softmax_ai_max layernorm_ai_min layernorm_ai_max embedding_ai_max conv2d_dense_class matmul_batched_class depthwise_conv_class attn_softmax_class layernorm_class embedding_class",
    "ref_precision": "bits_fp32 bits_fp16 bits_bf16 bits_tf32 bits_fp8 bits_int8 bits_int4 bits_binary bits_ternary bytes_fp32 bytes_fp16 bytes_bf16 bytes_tf32 bytes_fp8 bytes_int8 bytes_int4 bytes_binary bytes_ternary bytes_adam_state bytes_mixed_adam_total speedup_fp16_vs_fp32 speedup_int8_vs_fp32_min speedup_int8_vs_fp32_max speedup_tf32_vs_fp32_max",
    "ref_thresholds": "cloud_compute_min cloud_mem_bw_min cloud_pue_min cloud_pue_max cloud_latency_min cloud_latency_max edge_compute edge_mem_bw_min edge_power_min edge_power_max mobile_compute_min mobile_compute_max mobile_mem_bw_min mobile_mem_bw_max mobile_power_min mobile_power_max tiny_compute_max tiny_power_avg_max",
    "ref_devices": "ram_min ram_max power_min power_max",
    "ref_spectrum": "cloud_latency_min cloud_latency_max edge_latency_min edge_latency_max mobile_latency_min mobile_latency_max tiny_latency_min tiny_latency_max mobile_power_min mobile_power_max",
    "ref_dam": "active_params_dense active_params_sparse_max busy_threshold",
    "ref_interconnect": "nvlink_v4_bw nvlink_v3_bw nvlink_v2_bw nvlink_v5_bw pcie_gen3_bw pcie_gen4_bw pcie_gen5_bw latency_nvlink latency_pcie_gen5",
    "phys": "c_fibre c_vacuum",
    "net": "ethernet_10g ethernet_100g ethernet_400g ib_hdr ib_ndr ib_xdr roce_100g radio_energy_per_mb latency_infiniband latency_tcp phone_link mcu_link",
    "storage": "nvme_training_low nvme_gen3 nvme_gen4 nvme_gen5 sata_ssd_effective sata_interface_max s3_single_stream checkpoint_write_bw latency_nvme",
    "energy": "mac_fp32 mac_fp16 mac_int8 add_fp32 add_int8 register_access sram_l1 sram_l2 dram_access dram_per_byte mobilenet_inference",
    "econ": "electricity_per_kwh egress_per_gb s3_standard_per_tb_month glacier_per_tb_month glacier_retrieval_per_gb nvme_storage_per_tb_month_low nvme_storage_per_tb_month_high gpu_rent_training gpu_rent_inference gpu_rent_utility_scenario gpu_rent_fleet_ref gpu_rent_spot_ref maintenance_ratio label_crowd_low label_crowd_high label_expert_low label_expert_high label_medical_low label_medical_high",
    "grid": "us_avg eu_avg quebec norway france poland pue_liquid pue_best_air pue_typical pue_legacy carbon_per_gpu_hour car_annual_emissions",
    "cal": "seconds_per_day hours_per_day hours_per_week days_per_month days_per_year days_per_year_leap hours_per_year months_per_year month_length year_length",
    "eff": "mfu_training_low mfu_training_high mfu_sustained_ref mfu_inference_batch1 mfu_inference_batched scaling_eff_32 scaling_eff_256 scaling_eff_1024 scaling_eff_8192 train_flops_per_param_token decode_flops_per_param chinchilla_tokens_per_param kernel_launch_latency dam_io_overhead_fail dam_io_overhead_pass dam_mfu_fail dam_mfu_pass",
    "model_resnet50": "params flops_per_image flops_per_image_alt top1_accuracy input_side",
    "model_mobilenet_v2": "params flops_per_image flops_per_image_alt energy_per_inference v1_params",
    "model_bert_base": "params flops_per_inference seq_len n_layers hidden_dim n_heads large_params large_flops",
    "model_gpt2_xl": "params n_layers hidden_dim n_heads flops_per_token training_flops dataset_size small_params",
    "model_gpt3": "params training_ops training_tokens n_layers hidden_dim n_heads training_energy",
    "model_llama2_7b": "params n_layers hidden_dim n_heads training_tokens flops_per_token",
    "model_llama2_70b": "params training_tokens n_layers hidden_dim n_heads n_kv_heads flops_per_token",
    "model_dlrm": "embedding_entries embedding_dim model_size_fp32",
    "model_mnist_mlp": "width_in width_h1 width_h2 width_out forward_macs",
}

# Rows specs.md marks *derived*: they must be formulas.
DERIVED = [
    "gpu_v100.ridge_fp16", "gpu_a100.ridge_fp16", "gpu_a100.ridge_fp32", "gpu_h100.ridge_fp16",
    "gpu_h200.ridge_fp16", "gpu_b200.ridge_fp16", "gpu_t4.ridge_fp16", "gpu_mi300x.ridge_fp16",
    "tpu_v4.pod_peak", "tpu_v4.ridge_bf16", "npu_phone.ridge_int8", "ws_dgx_spark.ridge_fp16",
    "model_gpt2_xl.flops_per_token", "model_mnist_mlp.forward_macs",
]

# Rows specs.md marks "→ other.cell": inputs that follow another cell.
LINKS = {
    "gpu_v100.nvlink_bw": "ref_interconnect.nvlink_v2_bw",
    "gpu_a100.nvlink_bw": "ref_interconnect.nvlink_v3_bw",
    "gpu_h100.nvlink_bw": "ref_interconnect.nvlink_v4_bw",
    "gpu_h100.pcie_bw": "ref_interconnect.pcie_gen5_bw",
    "gpu_b200.nvlink_bw": "ref_interconnect.nvlink_v5_bw",
    "gpu_h200.peak_fp16_tensor": "gpu_h100.peak_fp16_tensor",
    "gpu_h200.peak_fp8_tensor": "gpu_h100.peak_fp8_tensor",
    "model_mobilenet_v2.energy_per_inference": "energy.mobilenet_inference",
    "ref_thresholds.cloud_latency_min": "ref_spectrum.cloud_latency_min",
    "ref_thresholds.cloud_latency_max": "ref_spectrum.cloud_latency_max",
    "ref_devices.cloud_chips": "tpu_v4.pod_chips",
    "ref_devices.cloud_memory": "tpu_v4.pod_hbm",
    "ref_devices.cloud_power": "tpu_v4.pod_power",
    "ref_devices.edge_peak": "ws_dgx_spark.peak_fp4_sparse",
    "ref_devices.edge_memory": "ws_dgx_spark.mem_capacity",
    "ref_devices.edge_storage": "ws_dgx_spark.storage",
    "ref_devices.edge_power": "ws_dgx_spark.power",
    "ref_devices.edge_price_min": "ws_dgx_spark.price_min",
    "ref_devices.edge_price_max": "ws_dgx_spark.price_max",
    "ref_devices.mobile_storage_min": "npu_phone.storage_min",
    "ref_devices.mobile_storage_max": "npu_phone.storage_max",
    "ref_devices.mobile_price_min": "npu_phone.price_min",
    "ref_devices.tiny_memory": "mcu_esp32.ram",
    "ref_devices.tiny_storage": "mcu_esp32.flash",
    "ref_devices.tiny_power_min": "mcu_esp32.power_min",
    "ref_devices.tiny_power_max": "mcu_esp32.power_max",
    "ref_devices.tiny_price": "mcu_esp32.unit_price",
    "ref_roofline.ridge_ref": "gpu_a100.ridge_fp16",
}


@pytest.fixture(scope="module")
def graph():
    return default_graph()


@pytest.fixture
def m(graph):
    return Model(graph)


def spec_cells(graph):
    return [c for c in graph.cells if c.sheet in SPEC_IDS]


# ---- presence and metadata ------------------------------------------------------------------

def test_every_spec_sheet_exists(graph):
    missing = [s for s in SPEC_IDS if s not in graph.sheets]
    assert not missing
    for s in SPEC_IDS:
        sd = graph.sheets[s]
        assert sd.kind == "spec", s
        assert sd.title and sd.chapter and sd.section, s


@pytest.mark.parametrize("sheet", sorted(REQUIRED))
def test_sheet_has_the_cells_specs_md_lists(graph, sheet):
    have = {c.short for c in graph.sheet_cells(sheet)}
    missing = [n for n in REQUIRED[sheet].split() if n not in have]
    assert not missing, f"{sheet} lacks {missing}"


def test_every_spec_cell_has_doc_and_source(graph):
    bad = [c.name for c in spec_cells(graph) if not c.doc.strip() or not c.source.strip()]
    assert not bad


def test_every_spec_sheet_has_cells(graph):
    assert all(graph.sheet_cells(s) for s in SPEC_IDS)


@pytest.mark.parametrize("name", DERIVED)
def test_derived_rows_are_calcs(graph, name):
    assert graph.cell(name).kind is Kind.CALC


@pytest.mark.parametrize("name,target", sorted(LINKS.items()))
def test_linked_rows_follow_their_target(graph, m, name, target):
    c = graph.cell(name)
    assert c.kind is Kind.INPUT and c.link == target
    assert m.si_value(name) == pytest.approx(m.si_value(target))


def test_spec_defaults_evaluate_without_errors(graph, m):
    errors = [c.name for c in spec_cells(graph) if m.error(c.name) is not None]
    assert not errors


# ---- seed figures, worked by hand -------------------------------------------------------------

def test_ridge_points(m):
    assert m.si_value("gpu_a100.ridge_fp16") == pytest.approx(312e12 / 2039e9)  # ≈ 153.0
    assert round(m.value("gpu_a100.ridge_fp16")) == 153
    assert m.si_value("gpu_h100.ridge_fp16") == pytest.approx(989e12 / 3350e9)  # ≈ 295.2
    assert round(m.value("gpu_h100.ridge_fp16")) == 295
    assert m.si_value("gpu_v100.ridge_fp16") == pytest.approx(125e12 / 900e9)  # ≈ 138.9
    assert round(m.value("gpu_v100.ridge_fp16")) == 139
    assert m.si_value("gpu_a100.ridge_fp32") == pytest.approx(19.5e12 / 2039e9)  # ≈ 9.56
    assert m.si_value("npu_phone.ridge_int8") == pytest.approx(35e12 / 100e9)  # 350
    assert m.si_value("gpu_h200.ridge_fp16") == pytest.approx(989e12 / 4800e9)
    assert m.si_value("gpu_b200.ridge_fp16") == pytest.approx(2250e12 / 8000e9)
    assert m.si_value("gpu_t4.ridge_fp16") == pytest.approx(65e12 / 320e9)
    assert m.si_value("gpu_mi300x.ridge_fp16") == pytest.approx(1307e12 / 5300e9)
    assert m.si_value("tpu_v4.ridge_bf16") == pytest.approx(275e12 / 1200e9)
    assert m.si_value("ws_dgx_spark.ridge_fp16") == pytest.approx(125e12 / 273e9)


def test_ridge_uses_2039_not_the_displayed_2_tb_s(m):
    m.set("gpu_a100.mem_bw", "2.0 TB/s")
    assert round(m.value("gpu_a100.ridge_fp16")) == 156  # the pitfall the brief warns about


def test_ridge_follows_an_edit(m):
    m.set("gpu_h100.peak_fp16_tensor", 1979)
    assert m.si_value("gpu_h100.ridge_fp16") == pytest.approx(1979e12 / 3350e9)
    assert m.si_value("gpu_h200.ridge_fp16") == pytest.approx(1979e12 / 4800e9)  # same die


def test_mnist_mac_count(m):
    macs = 784 * 128 + 128 * 64 + 64 * 10
    assert macs == 109_184
    assert m.value("model_mnist_mlp.forward_macs") == pytest.approx(109_184)
    assert m.si_value("model_mnist_mlp.forward_macs") == pytest.approx(2 * 109_184)  # FLOP


def test_tpu_pod_peak(m):
    peak = 4096 * 275e12  # FLOP/s
    assert peak == pytest.approx(1.1264e18)
    assert m.si_value("tpu_v4.pod_peak") == pytest.approx(peak)
    assert m.value("tpu_v4.pod_peak") > 1  # EFLOP/s: the seed's "> 1 EFLOP"
    assert m.value("ref_devices.cloud_peak") == pytest.approx(1.1264)


def test_gpt2_decode_flops_per_token(m):
    assert m.si_value("model_gpt2_xl.flops_per_token") == pytest.approx(2 * 1.5e9)
    m.set("eff.decode_flops_per_param", 3)
    assert m.si_value("model_gpt2_xl.flops_per_token") == pytest.approx(3 * 1.5e9)


def test_esp32_clock_total_and_binary_ram(m):
    assert m.si_value("ref_devices.tiny_clock_total") == pytest.approx(2 * 240e6)
    assert m.si_value("mcu_esp32.ram") == pytest.approx(520 * 1024)
    assert m.si_value("mcu_cortex_m7.ram") == pytest.approx(512 * 1024)


@pytest.mark.parametrize("name,si", [
    ("net.ethernet_10g", 10e9 / 8),
    ("net.ethernet_100g", 12.5e9),
    ("net.roce_100g", 12.5e9),
    ("phys.c_fibre", 2e8),
    ("cal.seconds_per_day", 1.0),  # s per day: both are times, so the ratio is 1
    ("econ.s3_standard_per_tb_month", 23 / 1e12 / (30 * 86400)),
    ("grid.us_avg", 0.429 / 3.6e6),
    ("energy.dram_access", 640e-12),
    ("model_resnet50.flops_per_image", 4.1e9),
    ("model_resnet50.flops_per_image_alt", 8.2e9),
    ("model_gpt3.training_energy", 1287e6 * 3600),
    ("gpu_b200.peak_fp16_tensor", 2250e12),
    ("mcu_esp32.power_max", 1.2),
])
def test_selected_defaults_in_base_units(m, name, si):
    assert m.si_value(name) == pytest.approx(si)


# ---- ref_roofline verdicts, both sides of each boundary ---------------------------------------

def test_roofline_classes_against_the_a100(m):
    # A100 ridge ≈ 153: conv (50–200) and batched matmul (64–256) straddle it; the rest are below.
    assert m.value("ref_roofline.conv2d_dense_class") == "depends on the device"
    assert m.value("ref_roofline.matmul_batched_class") == "depends on the device"
    for op in ("depthwise_conv", "attn_softmax", "layernorm", "embedding"):
        assert m.value(f"ref_roofline.{op}_class") == "memory-bound", op


def test_roofline_conv_class_both_sides(m):
    m.set("ref_roofline.ridge_ref", 50)  # band minimum equals the ridge: compute-bound
    assert m.value("ref_roofline.conv2d_dense_class") == "compute-bound"
    m.set("ref_roofline.ridge_ref", 50.5)
    assert m.value("ref_roofline.conv2d_dense_class") == "depends on the device"
    m.set("ref_roofline.ridge_ref", 200)  # band maximum equals the ridge: still straddles
    assert m.value("ref_roofline.conv2d_dense_class") == "depends on the device"
    m.set("ref_roofline.ridge_ref", 201)
    assert m.value("ref_roofline.conv2d_dense_class") == "memory-bound"


def test_roofline_embedding_class_both_sides(m):
    m.set("ref_roofline.ridge_ref", 1.01)
    assert m.value("ref_roofline.embedding_class") == "memory-bound"
    m.set("ref_roofline.ridge_ref", 1)
    assert m.value("ref_roofline.embedding_class") == "depends on the device"


def test_roofline_follows_the_reference_device(m):
    # Give the reference device a low ridge and the straddling bands become compute-bound.
    m.set("gpu_a100.mem_bw", "20 TB/s")  # ridge 312e12 / 20e12 = 15.6 FLOP/byte
    assert m.si_value("ref_roofline.ridge_ref") == pytest.approx(15.6)
    assert m.value("ref_roofline.conv2d_dense_class") == "compute-bound"
    assert m.value("ref_roofline.matmul_batched_class") == "compute-bound"
    assert m.value("ref_roofline.depthwise_conv_class") == "depends on the device"
    assert m.value("ref_roofline.layernorm_class") == "memory-bound"
