"""GPT-2 XL (1.5B): parameters, architecture, decode compute per token, training scale.

Decoding one token costs about 2 FLOP per parameter (one multiply and one add per weight), so
the per-token figure is a formula over the parameter count.
"""

from model import Calc, Input

TITLE = "GPT-2 XL (1.5B)"
CHAPTER = "11"
SECTION = "Model constants"

params = Input(1.5e9, "param", doc="Parameter count", source="GPT2_PARAMS; Models.Language.GPT2")
n_layers = Input(48, "layer", doc="Transformer layers", source="Radford et al. 2019", integer=True)
hidden_dim = Input(1600, "1", doc="Hidden dimension", source="Radford et al. 2019", integer=True)
n_heads = Input(25, "head", doc="Attention heads", source="Radford et al. 2019", integer=True)
flops_per_token = Calc("eff.decode_flops_per_param * params", "FLOP/token", doc="Compute to generate one token (2 FLOP per parameter)", source="derived: eff.decode_flops_per_param × params; 2×MAC (registry lists 3e9)")
training_flops = Input(1.5e21, "FLOP", doc="Total training compute", source="registry")
dataset_size = Input(40, "GB", doc="Training data (WebText)", source="WebText")
small_params = Input(124e6, "param", doc="GPT-2 small parameter count", source="GPT-2 small")
