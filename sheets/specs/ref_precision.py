"""Numeric formats: bits and bytes per value, optimizer state, and the quoted speed-ups.

Storage shrinks with the bit width (FP16/BF16 2×, FP8/INT8 4×, INT4 8×, ternary 16×, binary 32×
versus FP32); TF32 saves nothing because it is held in 32-bit storage. The table's INT8 speed-up
of 4–8× is measured against FP32, not FP16. Energy falls with precision, from high (FP32) to
lowest (binary / ternary networks).
"""

from model import Input

TITLE = "Numeric precisions"
CHAPTER = "10"
SECTION = "Quantization and Precision (Table 10.8)"

bits_fp32 = Input(32, "1", doc="Bits per FP32 value", source="IEEE 754")
bits_fp16 = Input(16, "1", doc="Bits per FP16 value", source="IEEE 754")
bits_bf16 = Input(16, "1", doc="Bits per BF16 value", source="Google Brain float")
bits_tf32 = Input(19, "1", doc="Bits of a TF32 value (held in 32-bit storage)", source="NVIDIA Ampere")
bits_fp8 = Input(8, "1", doc="Bits per FP8 value", source="seed Table 10.8")
bits_int8 = Input(8, "1", doc="Bits per INT8 value", source="seed Table 10.8")
bits_int4 = Input(4, "1", doc="Bits per INT4 value", source="seed Table 10.8")
bits_binary = Input(1, "1", doc="Bits per binary weight", source="seed Table 10.8")
bits_ternary = Input(2, "1", doc="Bits per ternary weight", source="seed Table 10.8")
bytes_fp32 = Input(4, "B/param", doc="Bytes per FP32 parameter", source="seed Table 10.8")
bytes_fp16 = Input(2, "B/param", doc="Bytes per FP16 parameter", source="seed Table 10.8")
bytes_bf16 = Input(2, "B/param", doc="Bytes per BF16 parameter", source="seed Table 10.8")
bytes_tf32 = Input(4, "B/param", doc="Bytes per TF32 value (32-bit storage)", source="seed Table 10.8")
bytes_fp8 = Input(1, "B/param", doc="Bytes per FP8 parameter", source="seed Table 10.8")
bytes_int8 = Input(1, "B/param", doc="Bytes per INT8 parameter", source="seed Table 10.8")
bytes_int4 = Input(0.5, "B/param", doc="Bytes per INT4 parameter", source="seed Table 10.8")
bytes_binary = Input(0.125, "B/param", doc="Bytes per binary weight", source="seed Table 10.8")
bytes_ternary = Input(0.25, "B/param", doc="Bytes per ternary weight", source="seed Table 10.8")
bytes_adam_state = Input(8, "B/param", doc="Adam optimizer state: two FP32 moments", source="two FP32 moments (momentum + variance); BYTES_ADAM_STATE")
bytes_mixed_adam_total = Input(16, "B/param", doc="Mixed-precision Adam total: 2 weights + 2 grads + 12 FP32 master and moments", source="assumptions appendix")
speedup_fp16_vs_fp32 = Input(2, "1", doc="Quoted FP16 speed-up over FP32", source="seed Table 10.8")
speedup_int8_vs_fp32_min = Input(4, "1", doc="Quoted INT8 speed-up over FP32, low end", source="seed Table 10.8 (measured against FP32, not FP16)")
speedup_int8_vs_fp32_max = Input(8, "1", doc="Quoted INT8 speed-up over FP32, high end", source="seed Table 10.8")
speedup_tf32_vs_fp32_max = Input(8, "1", doc="Quoted TF32 speed-up over FP32 on Ampere", source="seed Table 10.8")
