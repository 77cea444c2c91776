"""Is a 95 % to 94 % drop on 1,000 images real?

A classifier scores 95 % accuracy; after compression it scores 94 % on a 1,000-image test set, so
it makes 60 errors instead of 50. Treating the error count as binomial, is 60 outside the 95 %
band of counts the original model could produce by chance on 1,000 images, or is the drop
indistinguishable from sampling noise? And how large a test set would pin a single accuracy down
to within one point?
"""

from model import Calc, Input, Verdict

TITLE = "Is 95 % to 94 % on 1,000 images real?"
CHAPTER = "12"
SECTION = "System Benchmarking Suites"

n_test = Input(1000, "image", doc="Images in the test set", source="Ch. 12, statistical confidence trap callout", lo=1, integer=True)
acc_base = Input(0.95, "1", doc="Accuracy of the original model", source="Ch. 12 callout", hi=1)
acc_new = Input(0.94, "1", doc="Accuracy measured after compression", source="Ch. 12 callout", hi=1)
z_value = Input(1.96, "1", doc="z for a two-sided 95 % band", source="normal distribution", strict_lo=True)
round_sigma = Input(1, "1", doc="1 = round the standard deviation to whole errors before forming the band, as the book does; 0 = exact", source="switch (book's arithmetic)", hi=1, integer=True)
target_margin = Input(0.01, "1", doc="Precision wanted for a single accuracy estimate (plus or minus one point)", source="Ch. 12 callout", hi=1, strict_lo=True)

errors_base = Calc("n_test * (1 - acc_base)", "image", doc="Errors the original model makes on the test set")
errors_new = Calc("n_test * (1 - acc_new)", "image", doc="Errors the compressed model makes")
p_err = Calc("1 - acc_base", "%", doc="Error rate of the original model")
sigma_errors = Calc("sqrt(n_test * p_err * (1 - p_err))", "image", doc="Binomial standard deviation of the error count")
sigma_used = Calc("if_(round_sigma > 0.5, floor(sigma_errors + 0.5), sigma_errors)", "image", doc="Standard deviation used for the band")
band_low = Calc("errors_base - z_value * sigma_used", "image", doc="Fewest errors the original model plausibly makes (95 %)")
band_high = Calc("errors_base + z_value * sigma_used", "image", doc="Most errors the original model plausibly makes (95 %)")
drop_in_sigmas = Calc("(errors_new - errors_base) / sigma_used", "1", doc="Extra errors in standard deviations of the baseline count")
n_for_margin = Calc("z_value ** 2 * p_err * (1 - p_err) / target_margin ** 2", "image", doc="Test images needed to estimate one accuracy within the target margin")
p_pooled = Calc("(errors_base + errors_new) / (2 * n_test)", "%", doc="Pooled error rate of both runs (two-proportion test)")
z_two_proportion = Calc("(errors_new - errors_base) / n_test / sqrt(p_pooled * (1 - p_pooled) * 2 / n_test)", "1", doc="z of the difference between two independent runs (a stricter comparison than the band)")

verdict_regression = Verdict(
    {"real regression": "errors_new > band_high", "real improvement": "errors_new < band_low"},
    otherwise="indistinguishable from noise",
    doc="Is the new error count outside the baseline's 95 % band?",
    tones={"real regression": "bad", "real improvement": "good", "indistinguishable from noise": "neutral"},
)
