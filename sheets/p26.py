"""Will a 7B model train on a 24 GB GPU?

Can a 7-billion-parameter model be trained with Adam in mixed precision on a single 24 GB card
(RTX 4090 class)? Count FP16 weights and gradients and the two FP32 Adam moments first, then the
activations of a 2,048-token sequence through all layers. If it does not fit, how many such GPUs
would a fully sharded setup (FSDP / ZeRO) spread it over? The split counts 2 + 2 + 8 bytes per
parameter and leaves out an FP32 master copy, which would make things worse.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Training a 7B model on a 24 GB GPU"
CHAPTER = "8"
SECTION = "Pipeline Architecture"

n_params = Input(link="model_llama2_7b.params", unit="param", doc="Model parameters (7B)")
gpu = Device("accelerator", default="gpu_rtx4090", doc="The card (the seed's 24 GB GPU: RTX 4090 class)")
gpu_capacity = Input(link="gpu.mem_capacity", unit="GB", doc="Memory of the card (book: 24 GB, RTX 4090 class)", source="seed Problem 26 (24 GB GPU)")
bytes_weight = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per weight (FP16)")
bytes_grad = Input(link="ref_precision.bytes_fp16", unit="B/param", doc="Bytes per gradient (FP16)")
bytes_optimizer = Input(link="ref_precision.bytes_adam_state", unit="B/param", doc="Adam state per parameter: FP32 momentum + variance",
                        note="Stricter what-if: ref_precision.bytes_mixed_adam_total (16 B/param in all, FP32 master copy included) spread over the three cells.")
batch = Input(1, "sequence", doc="Sequences per step in the activation example", source="Ch. 8 VRAM-estimate callout", lo=1, integer=True)
seq_len = Input(2048, "token", doc="Tokens per sequence", source="Ch. 8 VRAM-estimate callout", lo=1, integer=True)
hidden = Input(link="model_llama2_7b.hidden_dim", unit="1", doc="Hidden dimension")
n_layers = Input(link="model_llama2_7b.n_layers", unit="layer", doc="Transformer layers")
n_heads = Input(link="model_llama2_7b.n_heads", unit="head", doc="Attention heads (used only by the alternative activation formula)")
bytes_activation = Input(2, "B", doc="Bytes per activation value (16-bit)", source="Ch. 8 VRAM-estimate callout")
activation_formula = Input(0, "1", doc="0 = 34·s·b·h·bytes per layer (chapter cell); 1 = (34·s·b·h + 5·a·s²·b)·bytes/2 (later library, Korthikanti et al.)",
                           source="Ch. 8 VRAM-estimate callout", hi=1, integer=True)

weights = Calc("n_params * bytes_weight", "GB", doc="Weight memory")
grads = Calc("n_params * bytes_grad", "GB", doc="Gradient memory")
optimizer = Calc("n_params * bytes_optimizer", "GB", doc="Adam optimizer state")
static_total = Calc("weights + grads + optimizer", "GB", doc="Memory before any activation is stored")
static_over = Calc("static_total / gpu_capacity", "1", doc="Static memory as a multiple of the card's memory")
act_per_layer = Calc(
    "if_(activation_formula >= 1, (34 * seq_len * batch * hidden + 5 * n_heads * seq_len**2 * batch) * bytes_activation / 2,"
    " 34 * seq_len * batch * hidden * bytes_activation)",
    "GB", doc="Activations stored per layer for the backward pass")
activations = Calc("n_layers * act_per_layer", "GB", doc="Activations of all layers")
total = Calc("static_total + activations", "GB", doc="Everything training needs in memory")
admin_ratio = Calc("(grads + optimizer) / weights", "1", doc="Gradients and optimizer state as a multiple of the weights")
gpus_if_sharded = Calc("ceiling(total / gpu_capacity)", "GPU", doc="Cards needed if the whole footprint were sharded evenly (FSDP / ZeRO-3, no overhead)")

verdict_fit = Verdict(
    {
        "does not fit, even before activations": "static_total > gpu_capacity",
        "does not fit once activations are added": "total > gpu_capacity",
    },
    otherwise="fits",
    doc="Does training fit on the single card?",
    tones={"does not fit, even before activations": "bad", "does not fit once activations are added": "bad", "fits": "good"},
)
