"""Marker colours: technologies grouped into nine colour-blind-safe colours (Okabe-Ito + grey).

Sixteen technologies cannot get sixteen colours that everyone tells apart, so the frequent ones
get an Okabe-Ito colour of their own, related ones share one, and the rare ones share grey.
A deployment takes the colour of its first technology.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from utils.i18n import tr
from utils.labels import label
from utils.schema import split_multi


@dataclass(frozen=True)
class ColourGroup:
    """Technologies drawn in one colour; `css_class` marks their markers in the DOM."""

    codes: tuple[str, ...]
    colour: str

    @property
    def css_class(self) -> str:
        return f"atlas-tech-{self.codes[0] if self.codes else 'other'}"

    def label(self, lang: str) -> str:
        """Legend text: the technologies' labels, or "Other technologies" for the catch-all group."""
        if not self.codes:
            return tr(lang, "Autres technologies", "Other technologies")
        return " / ".join(label("technology", code, lang) for code in self.codes)


# Okabe & Ito (2008), "Color Universal Design"; grey is the extra for the catch-all group.
COLOUR_GROUPS: tuple[ColourGroup, ...] = (
    ColourGroup(("facial_recognition",), "#D55E00"),
    ColourGroup(("behaviour_detection", "crowd_analytics"), "#0072B2"),
    ColourGroup(("video_search",), "#56B4E9"),
    ColourGroup(("license_plate_reading",), "#F0E442"),
    ColourGroup(("drone",), "#E69F00"),
    ColourGroup(("audio_detection",), "#CC79A7"),
    ColourGroup(("retail_theft_detection",), "#009E73"),
    ColourGroup(("hypervision_platform", "predictive_policing"), "#000000"),
)
OTHER_GROUP = ColourGroup((), "#BBBBBB")
ALL_GROUPS: tuple[ColourGroup, ...] = (*COLOUR_GROUPS, OTHER_GROUP)
_GROUP_INDEX = {code: index for index, group in enumerate(COLOUR_GROUPS) for code in group.codes}


def group_index(technology_cell: str) -> int:
    """Index in ALL_GROUPS of the colour of a `technology` cell (its first technology decides)."""
    codes = split_multi(technology_cell)
    return _GROUP_INDEX.get(codes[0], len(COLOUR_GROUPS)) if codes else len(COLOUR_GROUPS)


def group_indices(technology: pd.Series) -> pd.Series:
    """group_index of every cell of a `technology` column (computed once per distinct cell)."""
    return technology.map({cell: group_index(cell) for cell in technology.unique()}).astype(int)
