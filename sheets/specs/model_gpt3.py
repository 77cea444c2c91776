"""GPT-3 (175B): parameters, training compute and tokens, architecture, training energy.

The book's engine also holds a reference training time on 1,024 A100s: that is p01's answer,
so it is deliberately not an input here. The training energy is the book registry's 1,287 MWh;
the seed's p50 rounds it to 1,300 MWh and keeps that as its own default.
"""

from model import Input

TITLE = "GPT-3 (175B)"
CHAPTER = "1"
SECTION = "Model constants"

params = Input(175e9, "param", doc="Parameter count", source="GPT3_PARAMS")
training_ops = Input(3.14e23, "FLOP", doc="Total training compute (≈ 6 × params × tokens)", source="GPT3_TRAINING_OPS (≈ 6 × params × tokens)")
training_tokens = Input(300e9, "token", doc="Training tokens", source="GPT3_TRAINING_TOKENS")
n_layers = Input(96, "layer", doc="Transformer layers", source="Brown et al. 2020", integer=True)
hidden_dim = Input(12288, "1", doc="Hidden dimension", source="Brown et al. 2020", integer=True)
n_heads = Input(96, "head", doc="Attention heads", source="Brown et al. 2020", integer=True)
training_energy = Input(1287, "MWh", doc="Energy used to train GPT-3", source="Patterson et al. 2021; GPT3_TRAINING_ENERGY_MWH", note="The seed's p50 says 1,300 MWh (p50 keeps that as its own default).")
