"""Selection inequality: does select-then-train beat training on everything?

An active-learning loop keeps the most useful 10 % of the data, but to rank the samples it must
first run the full model over the whole unlabeled pool. Counting that scoring pass, is training on
the selected subset actually faster than training on the full dataset, and what happens when the
pool is re-scored every epoch or scored with a cheap proxy model? The default works in
epoch-equivalents (one scoring pass costs about one training epoch); a second block repeats the
check in hours for 1 M images (later edition's worked example).
"""

from model import Calc, Input, Verdict

TITLE = "Selection inequality"
CHAPTER = "9"
SECTION = "Selection Engineering"

n_epochs = Input(100, "epoch", doc="Training length on the full dataset", source="Ch. 9 selection-inequality notebook", lo=1)
subset_fraction = Input(0.10, "1", doc="Share of the data the selector keeps", source="Ch. 9 (the best 10 percent)", hi=1, strict_lo=True)
selection_cost = Input(1, "epoch", doc="Cost of one scoring pass of the full model over the pool, in training epochs", source="Ch. 9 notebook (one forward pass over the pool ~ one epoch)")
proxy_factor = Input(0.1, "1", doc="Cost of a proxy scorer relative to the full model", source="Ch. 9 (proxies or cached embeddings cut selection ~10x)", hi=1, strict_lo=True)
use_proxy = Input(0, "1", doc="1 = score with the cheap proxy model, 0 = with the full model", source="switch", hi=1, integer=True)
reselect_every_epoch = Input(0, "1", doc="1 = re-score the pool before every epoch (the trap), 0 = score once", source="switch", hi=1, integer=True)

t_full = Calc("n_epochs", "epoch", doc="Training on the full dataset")
n_selections = Calc("if_(reselect_every_epoch > 0.5, n_epochs, 1)", "1", doc="Scoring passes over the pool")
scorer_factor = Calc("if_(use_proxy > 0.5, proxy_factor, 1)", "1", doc="Cost of the chosen scorer relative to the full model")
t_select = Calc("n_selections * selection_cost * scorer_factor", "epoch", doc="Time spent selecting")
t_subset = Calc("n_epochs * subset_fraction", "epoch", doc="Training on the selected subset")
t_total = Calc("t_select + t_subset", "epoch", doc="Select-then-train total")
speedup = Calc("t_full / t_total", "1", doc="How many times faster select-then-train is than full training")
selection_budget = Calc("t_full - t_subset", "epoch", doc="Most that selection may cost: the training time saved on the discarded data")
t_total_reselect = Calc("n_epochs * selection_cost + t_subset", "epoch", doc="Total if the full model re-scores the pool every epoch (shown whatever the switches say)")
t_total_proxy = Calc("selection_cost * proxy_factor + t_subset", "epoch", doc="Total with one proxy scoring pass (shown whatever the switches say)")

pool_images = Input(1_000_000, "image", doc="Unlabeled pool in the seconds-based example", source="Ch. 9, later edition's worked example", lo=1, integer=True)
t_image_full = Input(0.01, "s/image", doc="Time per image for the full model (ResNet-50), scoring or training", source="Ch. 9, later edition's worked example", strict_lo=True)
t_image_proxy = Input(0.002, "s/image", doc="Time per image for a ResNet-18 proxy scorer", source="Ch. 9, later edition's worked example", strict_lo=True)
large_scorer_hours = Input(50, "h", doc="Scoring time with a 7B-parameter model as the selector (the trap)", source="Ch. 9, later edition's worked example")

baseline_hours = Calc("pool_images * n_epochs * t_image_full", "h", doc="Training on the whole pool")
scoring_full = Calc("pool_images * t_image_full", "h", doc="One scoring pass with the full model")
scoring_proxy = Calc("pool_images * t_image_proxy", "h", doc="One scoring pass with the proxy model")
train_subset = Calc("pool_images * subset_fraction * n_epochs * t_image_full", "h", doc="Training on the selected subset")
total_full_scorer = Calc("scoring_full + train_subset", "h", doc="Select with the full model, then train")
total_proxy_scorer = Calc("scoring_proxy + train_subset", "h", doc="Select with the proxy, then train")
trap_total = Calc("large_scorer_hours + train_subset", "h", doc="Select with a 7B-model scorer, then train")
saving_full_scorer = Calc("baseline_hours - total_full_scorer", "h", doc="Hours saved by full-model selection")
saving_proxy_scorer = Calc("baseline_hours - total_proxy_scorer", "h", doc="Hours saved by proxy selection")
saving_trap = Calc("baseline_hours - trap_total", "h", doc="Hours saved with the 7B-model scorer")
saving_full_scorer_share = Calc("saving_full_scorer / baseline_hours", "%", doc="Share of training time saved by full-model selection")
saving_proxy_scorer_share = Calc("saving_proxy_scorer / baseline_hours", "%", doc="Share of training time saved by proxy selection")
saving_trap_share = Calc("saving_trap / baseline_hours", "%", doc="Share of training time saved with the 7B-model scorer")

verdict_selection = Verdict(
    {"selection pays off": "t_total < t_full"},
    otherwise="selection is slower than training on everything",
    doc="Is select-then-train faster than training on the full dataset?",
    tones={"selection pays off": "good", "selection is slower than training on everything": "bad"},
)
