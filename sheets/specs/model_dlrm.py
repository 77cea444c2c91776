"""DLRM-class recommender: embedding table size and model footprint.

DLRM is the roofline table's embedding-lookup example; the embedding-capacity problem (p21)
uses its own 100 M-item table.
"""

from model import Input

TITLE = "DLRM-class recommender"
CHAPTER = "6"
SECTION = "Sparse Architectures: RecSys (model constants)"

embedding_entries = Input(25e9, "row", doc="Rows across the embedding tables", source="DLRM_EMBEDDING_ENTRIES")
embedding_dim = Input(128, "1", doc="Width of one embedding vector", source="DLRM_EMBEDDING_DIM", integer=True)
model_size_fp32 = Input(100, "GB", doc="Model size in FP32", source="DLRM_MODEL_SIZE_FP32")
