"""BERT-Base (and BERT-Large): parameters, compute per inference, architecture.

The 22 GFLOP per inference counts 2 FLOP per MAC at sequence length 128, as Ch. 12 states; an
older engine comment says sequence length 512 for the same figure, which conflicts.
"""

from model import Input

TITLE = "BERT-Base"
CHAPTER = "12"
SECTION = "Model constants"

params = Input(110e6, "param", doc="Parameter count", source="BERT_BASE_PARAMS")
flops_per_inference = Input(22e9, "FLOP", doc="Compute per inference at sequence length 128 (2 FLOP per MAC)", source="2×MAC, sequence length 128 (registry and Ch. 12)", note="An older engine comment says sequence length 512; Ch. 12 states 128.")
seq_len = Input(128, "token", doc="Sequence length the compute figure assumes", source="Ch. 12", integer=True)
n_layers = Input(12, "layer", doc="Transformer layers", source="Devlin et al. 2019", integer=True)
hidden_dim = Input(768, "1", doc="Hidden dimension", source="Devlin et al. 2019", integer=True)
n_heads = Input(12, "head", doc="Attention heads", source="Devlin et al. 2019", integer=True)
large_params = Input(340e6, "param", doc="BERT-Large parameter count", source="BERT-Large")
large_flops = Input(72e9, "FLOP", doc="BERT-Large compute per inference", source="BERT-Large")
