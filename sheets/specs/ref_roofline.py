"""Where common operations sit on the roofline (the seed's Table 11.12).

Each operation has a band of arithmetic intensity (FLOP per byte moved). A band entirely above a
device's ridge point is compute-bound there, one entirely below is memory-bound, and one that
straddles the ridge depends on the device and the implementation. The class cells compare each
band with a reference ridge, linked by default to the A100's FP16 ridge; link it to another
device's ridge to redraw the table for that device.

The book's typical classes and examples: dense Conv2D — compute-bound (ResNet-50); large, well
tiled batched matmul — often compute-bound (GPT-2 batched projections); depthwise convolution —
memory-bound (MobileNet); attention softmax — memory-bound (GPT-2 generation); LayerNorm —
memory-bound (GPT-2 / Llama); embedding lookup — memory-bound (DLRM).
"""

from model import Input, Verdict

TITLE = "Operations on the roofline"
CHAPTER = "11"
SECTION = "Roofline Model (Table 11.12)"

ridge_ref = Input(link="gpu_a100.ridge_fp16", unit="FLOP/byte", doc="Ridge point the bands are classified against (A100 FP16 by default)", source="→ gpu_a100.ridge_fp16; relink to any device's ridge")

conv2d_dense_ai_min = Input(50, "FLOP/byte", doc="Dense Conv2D intensity, low end", source="seed Table 11.12 (50–200)")
conv2d_dense_ai_max = Input(200, "FLOP/byte", doc="Dense Conv2D intensity, high end", source="seed Table 11.12 (50–200)")
matmul_batched_ai_min = Input(64, "FLOP/byte", doc="Large-batch, well-tiled matmul intensity, low end", source="seed Table 11.12 (64–256+)")
matmul_batched_ai_max = Input(256, "FLOP/byte", doc="Large-batch, well-tiled matmul intensity, high end (open-ended '256+')", source="seed Table 11.12 (64–256+)", note="The table writes '256+': the band is open above.")
depthwise_conv_ai_min = Input(10, "FLOP/byte", doc="Depthwise convolution intensity, low end", source="seed Table 11.12 (10–20)")
depthwise_conv_ai_max = Input(20, "FLOP/byte", doc="Depthwise convolution intensity, high end", source="seed Table 11.12 (10–20)")
attn_softmax_ai_min = Input(2, "FLOP/byte", doc="Attention softmax intensity, low end", source="seed Table 11.12 (2–5)")
attn_softmax_ai_max = Input(5, "FLOP/byte", doc="Attention softmax intensity, high end", source="seed Table 11.12 (2–5)")
layernorm_ai_min = Input(5, "FLOP/byte", doc="LayerNorm intensity, low end", source="seed Table 11.12 (5–10)")
layernorm_ai_max = Input(10, "FLOP/byte", doc="LayerNorm intensity, high end", source="seed Table 11.12 (5–10)")
embedding_ai_max = Input(1, "FLOP/byte", doc="Embedding lookup intensity, upper bound (the table says below 1)", source="seed Table 11.12 ('< 1'; stored as an upper bound)")

_DEPENDS = "depends on the device"
conv2d_dense_class = Verdict(
    {"compute-bound": "conv2d_dense_ai_min >= ridge_ref", "memory-bound": "conv2d_dense_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="Dense Conv2D against the reference ridge (book's typical class: compute-bound)",
    source="seed Table 11.12; band compared with ridge_ref",
    tones={"compute-bound": "neutral", "memory-bound": "neutral", "depends on the device": "neutral"},
)
matmul_batched_class = Verdict(
    {"compute-bound": "matmul_batched_ai_min >= ridge_ref", "memory-bound": "matmul_batched_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="Batched matmul against the reference ridge (book: often compute-bound)",
    source="seed Table 11.12; band compared with ridge_ref",
    tones={"compute-bound": "neutral", "memory-bound": "neutral", "depends on the device": "neutral"},
)
depthwise_conv_class = Verdict(
    {"compute-bound": "depthwise_conv_ai_min >= ridge_ref", "memory-bound": "depthwise_conv_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="Depthwise convolution against the reference ridge (book: memory-bound)",
    source="seed Table 11.12; band compared with ridge_ref",
    tones={"compute-bound": "neutral", "memory-bound": "neutral", "depends on the device": "neutral"},
)
attn_softmax_class = Verdict(
    {"compute-bound": "attn_softmax_ai_min >= ridge_ref", "memory-bound": "attn_softmax_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="Attention softmax against the reference ridge (book: memory-bound)",
    source="seed Table 11.12; band compared with ridge_ref",
    tones={"compute-bound": "neutral", "memory-bound": "neutral", "depends on the device": "neutral"},
)
layernorm_class = Verdict(
    {"compute-bound": "layernorm_ai_min >= ridge_ref", "memory-bound": "layernorm_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="LayerNorm against the reference ridge (book: memory-bound)",
    source="seed Table 11.12; band compared with ridge_ref",
    tones={"compute-bound": "neutral", "memory-bound": "neutral", "depends on the device": "neutral"},
)
embedding_class = Verdict(
    {"memory-bound": "embedding_ai_max < ridge_ref"},
    otherwise=_DEPENDS,
    doc="Embedding lookup against the reference ridge; only an upper bound is known (book: memory-bound)",
    source="seed Table 11.12; upper bound compared with ridge_ref",
    tones={"memory-bound": "neutral", "depends on the device": "neutral"},
)
