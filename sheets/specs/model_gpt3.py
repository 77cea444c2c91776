"""GPT-3 (175B): parameters, training compute and tokens, architecture, training energy.

The book's engine also holds a reference training time on 1,024 A100s: that is p01's answer,
so it is deliberately not an input here.
"""

from model import Input

TITLE = "GPT-3 (175B)"
CHAPTER = "1"
SECTION = "Model constants"

params = Input(175e9, "param", doc="Parameter count", source="GPT3_PARAMS")
training_ops = Input(3.14e23, "FLOP", doc="Total training compute (≈ 6 × params × tokens)", source="GPT3_TRAINING_OPS")
training_tokens = Input(300e9, "token", doc="Training tokens", source="GPT3_TRAINING_TOKENS")
n_layers = Input(96, "layer", doc="Transformer layers", source="Brown et al. 2020")
hidden_dim = Input(12288, "1", doc="Hidden dimension", source="Brown et al. 2020")
n_heads = Input(96, "head", doc="Attention heads", source="Brown et al. 2020")
training_energy = Input(1300, "MWh", doc="Training energy as the seed states it", source="seed p50 (1,300 MWh)", note="Alternative: 1,287 MWh (Patterson et al. 2021; GPT3_TRAINING_ENERGY_MWH).")
