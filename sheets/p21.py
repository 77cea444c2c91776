"""Embedding table capacity wall.

A recommender keeps one 128-dimensional FP32 embedding for each of 100 million catalogue items.
How much memory does the item table alone take, and does it fit on one 80 GB GPU? Add a user
table of similar size, as real systems do, and check again; a billion-user table shows how far
past one GPU such models go. Recommenders of this kind are limited by capacity, not arithmetic.
"""

from model import Calc, Device, Input, Verdict

TITLE = "Embedding table capacity wall"
CHAPTER = "6"
SECTION = "Sparse Architectures: RecSys"

n_items = Input(100_000_000, "row", doc="Items in the catalogue (one embedding row each)", source="seed Problem 21 (100 million items)", lo=1)
embed_dim = Input(128, "dimension/row", doc="Embedding size per row", source="seed Problem 21 (embedding size 128)", lo=1, integer=True)
bytes_per_element = Input(link="ref_precision.bytes_fp32", unit="B", doc="Bytes per embedding value (FP32)")
gpu = Device("accelerator", default="gpu_a100", doc="The GPU whose memory must hold the model")
gpu_capacity = Input(link="gpu.mem_capacity", unit="GB", doc="Memory of one GPU (nominal 80 GB, as the chapter uses it)",
                     note="The book's engine stores 80 GiB (85.9 GB); the share shifts slightly.")
add_user_table = Input(1, "1", doc="1 = add a user table (the book's follow-up); 0 = item table only", source="Ch. 6 capacity-wall callout", hi=1, integer=True)
user_table_scale = Input(1, "1", doc="User table size relative to the item table", source="Ch. 6 capacity-wall callout")
n_users_large = Input(1e9, "row", doc="Users in the chapter's billion-user comparison table", source="Ch. 6 (a billion users)")

table_bytes = Calc("n_items * embed_dim * bytes_per_element", "GB", doc="Memory for the item embedding table")
share_item = Calc("table_bytes / gpu_capacity", "1", doc="Item table as a share of one GPU's memory")
total_bytes = Calc("table_bytes * (1 + add_user_table * user_table_scale)", "GB", doc="Item table plus the user table")
share_total = Calc("total_bytes / gpu_capacity", "1", doc="Both tables as a share of one GPU's memory")
large_user_table = Calc("n_users_large * embed_dim * bytes_per_element", "GB", doc="A billion-user table at the same width")
gpus_for_large_table = Calc("large_user_table / gpu_capacity", "1", doc="GPUs' worth of memory the billion-user table needs")

verdict_item_table = Verdict({"fits": "table_bytes <= gpu_capacity"}, otherwise="does not fit on one GPU",
                             doc="Does the item table alone fit on one GPU?", tones={"fits": "good", "does not fit on one GPU": "bad"})
verdict_with_users = Verdict({"fits": "total_bytes <= gpu_capacity"}, otherwise="does not fit on one GPU",
                             doc="Do the item and user tables together fit on one GPU?", tones={"fits": "good", "does not fit on one GPU": "bad"})
