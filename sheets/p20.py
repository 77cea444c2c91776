"""Attention score memory at a 100K-token context.

With a context window of N = 100,000 tokens, how much memory do the attention scores of one
layer take if the full N × N score matrix is materialized for each head in FP16 — and for every
layer of the model together? Can one GPU hold even a single layer's scores? Only the score
matrix is counted (not queries, keys, values or outputs).
"""

from model import Calc, Device, Input, Verdict

TITLE = "Attention score memory at 100K tokens"
CHAPTER = "6"
SECTION = "Attention: Dynamic Processing"

seq_len = Input(100_000, "token", doc="Context length N", source="seed Problem 20 (N = 100,000)", lo=1, integer=True)
n_heads = Input(12, "head", doc="Attention heads in one layer (the book's single-layer figure counts all of them)", source="Ch. 6 quadratic-bottleneck callout",
                lo=1, integer=True, note="Set 1 for the per-head figure.")
bytes_per_element = Input(link="ref_precision.bytes_fp16", unit="B", doc="Bytes per attention score (FP16)")
n_layers = Input(32, "layer", doc="Layers in the model, for the whole-model figure", source="Ch. 6 quadratic-bottleneck callout", lo=1, integer=True)
batch = Input(1, "sequence", doc="Sequences processed at once", source="Ch. 6 quadratic-bottleneck callout", lo=1, integer=True)
gpu = Device("accelerator", default="gpu_a100", doc="The GPU whose memory must hold the model")
gpu_capacity = Input(link="gpu.mem_capacity", unit="GB", doc="Memory of one GPU for the fit check (book: A100, 80 GB)")
seq_len_ref = Input(512, "token", doc="Short context for the quadratic-scaling what-if", source="Ch. 6 (512 tokens)", lo=1)
seq_len_cmp = Input(4096, "token", doc="Longer context for the quadratic-scaling what-if", source="Ch. 6 (4,096 tokens)", lo=1,
                    note="The book also uses 1,024 tokens (4× the work of 512).")

elements_layer = Calc("seq_len**2 * n_heads * batch", "1", doc="Attention scores in one layer: N² per head")
bytes_layer = Calc("elements_layer * bytes_per_element", "GB", doc="Memory for one layer's attention scores")
bytes_model = Calc("bytes_layer * n_layers", "TB", doc="Memory for the attention scores of all layers")
bytes_per_head = Calc("seq_len**2 * bytes_per_element", "GB", doc="Memory for one head's N × N score matrix")
share_of_gpu = Calc("bytes_layer / gpu_capacity", "1", doc="One layer's scores as a multiple of the GPU's memory")
scaling = Calc("(seq_len_cmp / seq_len_ref)**2", "1", doc="How much the score memory grows from the short to the long context")

verdict_fit = Verdict(
    {"fits on one GPU": "bytes_layer <= gpu_capacity"},
    otherwise="does not fit — tile it (FlashAttention) or compute fewer scores (sparse/approximate attention)",
    doc="Can one GPU hold a single layer's attention scores?",
    tones={"fits on one GPU": "good", "does not fit — tile it (FlashAttention) or compute fewer scores (sparse/approximate attention)": "bad"},
)
