"""Llama-2-70B: parameters, training tokens, architecture (grouped-query attention), compute per token."""

from model import Input

TITLE = "Llama-2-70B"
CHAPTER = "8"
SECTION = "Model constants"

params = Input(70e9, "param", doc="Parameter count", source="LLAMA2_70B_PARAMS")
training_tokens = Input(2e12, "token", doc="Training tokens", source="registry")
n_layers = Input(80, "layer", doc="Transformer layers", source="Touvron et al. 2023", integer=True)
hidden_dim = Input(8192, "1", doc="Hidden dimension", source="Touvron et al. 2023", integer=True)
n_heads = Input(64, "head", doc="Query attention heads", source="Touvron et al. 2023", integer=True)
n_kv_heads = Input(8, "head", doc="Key/value heads (grouped-query attention)", source="grouped-query attention; Touvron et al. 2023", integer=True)
flops_per_token = Input(1.4e11, "FLOP/token", doc="Compute to generate one token (2 FLOP per parameter)", source="2×MAC (= 2 × params)")
