"""The free-text search: each row's searchable text folded once per data version, then plain lookups.

Folding (accents removed, case folded, spaces collapsed) is the slow part of a search: it is done when
the data is loaded (`searchable_text`, kept in the SEARCH_TEXT column of the typed rows), so that a
query only folds its own words and looks them up.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from utils.names import LIGATURES, strip_accents

SEARCH_COLUMNS = ("commune", "site", "operator", "vendor", "product", "use_case", "description_fr",
                  "description_en")
SEARCH_TEXT = "search_text"


def fold(text: object) -> str:
    """Text reduced for comparison: accents removed, case folded, spaces collapsed."""
    return " ".join(strip_accents(str(text or "")).casefold().split())


def searchable_text(df: pd.DataFrame) -> pd.Series:
    """The searched columns of each row joined and folded as `fold` folds a query, a whole column at once."""
    # Arrow's compute kernels, from the columns' own buffers: a Python pass per row took seconds at
    # 50 000 rows, and Python strings for the joined text would hold twice the memory.
    cells = [pa.array(df[name].fillna("").astype(str), type=pa.large_string()) if name in df
             else pa.array([""] * len(df), type=pa.large_string()) for name in SEARCH_COLUMNS]
    text = pc.binary_join_element_wise(*cells, pa.scalar(" ", type=pa.large_string()))
    for ligature, spelled in LIGATURES.items():
        text = pc.replace_substring(text, chr(ligature), spelled)
    text = pc.replace_substring_regex(pc.utf8_normalize(text, "NFKD"), r"\p{Mn}", "")
    return pd.Series(pc.utf8_lower(text), index=df.index, dtype="str")


def mentions(df: pd.DataFrame, query: str) -> pd.Series:
    """Rows where every word of `query` appears (accents and case ignored)."""
    if df.empty:
        return pd.Series(False, index=df.index)
    text = df[SEARCH_TEXT] if SEARCH_TEXT in df else searchable_text(df)
    mask = pd.Series(True, index=df.index)
    for word in fold(query).split():
        mask &= text.str.contains(word, regex=False)
    return mask.astype(bool)
