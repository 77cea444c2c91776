"""Llama-2-7B: parameters, architecture, training tokens, decode compute per token."""

from model import Input

TITLE = "Llama-2-7B"
CHAPTER = "8"
SECTION = "Model constants"

params = Input(7e9, "param", doc="Parameter count", source="registry Llama2_7B.parameters")
n_layers = Input(32, "layer", doc="Transformer layers", source="Touvron et al. 2023", integer=True)
hidden_dim = Input(4096, "1", doc="Hidden dimension", source="Touvron et al. 2023", integer=True)
n_heads = Input(32, "head", doc="Attention heads", source="Touvron et al. 2023", integer=True)
training_tokens = Input(2e12, "token", doc="Training tokens", source="Touvron et al. 2023")
flops_per_token = Input(1.4e10, "FLOP/token", doc="Compute to generate one token (2 FLOP per parameter)", source="2×MAC (= 2 × params)")
