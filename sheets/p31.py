"""A 7B LLM on a 16 GB device: FP16 vs INT4.

A 7-billion-parameter language model stored as FP16 (2 bytes per weight) is to run on a device
with 16 GB of RAM. Does it fit next to its KV cache and the operating system, how many tokens per
second can it generate when every token must stream all the weights from memory, and what changes
when the weights are quantized to INT4?
"""

from model import Calc, Input, Verdict

TITLE = "7B LLM on a 16 GB device: FP16 vs INT4"
CHAPTER = "10"
SECTION = "Optimization Framework"

n_params = Input(link="model_llama2_7b.params", unit="param", doc="Parameters of the 7B model")
bytes_fp16 = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per FP16 weight")
bytes_int4 = Input(link="ref_precision.bytes_int4", unit="B/param", doc="Bytes per INT4 weight (quantization scales ignored)")
device_ram = Input(16, "GB", doc="Device memory", source="Ch. 10, quantization speedup callout", strict_lo=True)
mem_bw = Input(link="cpu_server.system_mem_bw", unit="GB/s", doc="System memory bandwidth (DDR4/DDR5)")
kv_cache = Input(1.0, "GB", doc="KV cache for a context of about 4,096 tokens", source="Ch. 10 callout")
os_reserve = Input(2, "GB", doc="Memory the OS and other apps need", source="assumption", illustrative=True)
interactive_tps = Input(10, "token/s", doc="Decode speed that feels interactive in a chat", source="assumption", illustrative=True, strict_lo=True)

weights_fp16 = Calc("n_params * bytes_fp16", "GB", doc="FP16 weights")
total_fp16 = Calc("weights_fp16 + kv_cache", "GB", doc="FP16 weights plus KV cache")
headroom_fp16 = Calc("device_ram - total_fp16", "GB", doc="Memory left for everything else at FP16")
t_token_fp16 = Calc("weights_fp16 / mem_bw", "ms", doc="Time per token at FP16: all weights stream once")
tps_fp16 = Calc("1 / t_token_fp16", "token/s", doc="Decode speed at FP16")

weights_int4 = Calc("n_params * bytes_int4", "GB", doc="INT4 weights")
total_int4 = Calc("weights_int4 + kv_cache", "GB", doc="INT4 weights plus KV cache")
headroom_int4 = Calc("device_ram - total_int4", "GB", doc="Memory left for everything else at INT4")
t_token_int4 = Calc("weights_int4 / mem_bw", "ms", doc="Time per token at INT4")
tps_int4 = Calc("1 / t_token_int4", "token/s", doc="Decode speed at INT4")

speedup = Calc("tps_int4 / tps_fp16", "1", doc="Decode speedup from INT4 (equals the byte ratio: decode is bandwidth-bound)")

verdict_fit_fp16 = Verdict(
    {"does not fit": "total_fp16 > device_ram", "barely fits (no room for the OS)": "headroom_fp16 < os_reserve"},
    otherwise="fits",
    doc="Do the FP16 weights and KV cache fit in the device's RAM with room for the OS?",
    tones={"does not fit": "bad", "barely fits (no room for the OS)": "neutral", "fits": "good"},
)
verdict_fit_int4 = Verdict(
    {"does not fit": "total_int4 > device_ram", "barely fits (no room for the OS)": "headroom_int4 < os_reserve"},
    otherwise="fits",
    doc="Do the INT4 weights and KV cache fit with room for the OS?",
    tones={"does not fit": "bad", "barely fits (no room for the OS)": "neutral", "fits": "good"},
)
verdict_speed_fp16 = Verdict({"interactive": "tps_fp16 >= interactive_tps"}, otherwise="too slow for chat", doc="Is FP16 decoding fast enough for chat?", tones={"interactive": "good", "too slow for chat": "bad"})
verdict_speed_int4 = Verdict({"interactive": "tps_int4 >= interactive_tps"}, otherwise="too slow for chat", doc="Is INT4 decoding fast enough for chat?", tones={"interactive": "good", "too slow for chat": "bad"})
verdict_precision = Verdict(
    {
        "FP16 is enough": "headroom_fp16 >= os_reserve and tps_fp16 >= interactive_tps",
        "quantize to INT4": "headroom_int4 >= os_reserve and tps_int4 >= interactive_tps",
        "does not fit even at INT4": "headroom_int4 < os_reserve",
    },
    otherwise="too slow even at INT4",
    doc="Which precision to deploy: the first that fits with room for the OS and decodes interactively",
    tones={"FP16 is enough": "good", "quantize to INT4": "neutral", "does not fit even at INT4": "bad", "too slow even at INT4": "bad"},
)
