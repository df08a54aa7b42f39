"""The baseline every figure is compared with: folium's tutorial way of mapping a table.

One `folium.Marker` per row with an HTML popup (the same escaped fields as the atlas's full popup),
all in one `MarkerCluster`, with folium's default assets. Run as a Streamlit page
(`streamlit run benchmarks/naive.py`, ATLAS_DATA=<csv>) it shows that map as the atlas page would,
for the browser measurement.
"""

from __future__ import annotations

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from utils.mapping import located_rows
from utils.popups import FULL_FIELDS, field_label, fragment

FRANCE_CENTRE = [46.6, 2.4]
POPUP_WIDTH = 320


def build_naive_map(rows: pd.DataFrame, lang: str = "fr") -> folium.Map:
    """One Marker with a full HTML popup per located row of `rows`, clustered."""
    m = folium.Map(location=FRANCE_CENTRE, zoom_start=5)
    cluster = MarkerCluster().add_to(m)
    for record in located_rows(rows).to_dict("records"):
        popup = folium.Popup(popup_html(record, lang), max_width=POPUP_WIDTH)
        folium.Marker([record["lat"], record["lon"]], popup=popup).add_to(cluster)
    return m


def popup_html(record: dict, lang: str) -> str:
    """The popup of one row: every field escaped by utils.popups, built for this row alone."""
    items = [(field_label(field, lang), fragment(field, record, lang)) for field in FULL_FIELDS]
    return "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in items if value) + "</dl>"


def _serve() -> None:
    import streamlit as st
    from streamlit_folium import st_folium

    from utils.data import load_deployments

    @st.cache_data(show_spinner=False)
    def rows() -> pd.DataFrame:  # loaded once, as the atlas does; the map is rebuilt every run
        return load_deployments().rows

    st.title("Baseline: one folium.Marker per row")
    st_folium(build_naive_map(rows()), key="map", height=560, use_container_width=True, returned_objects=[])


if __name__ == "__main__":  # `streamlit run benchmarks/naive.py`
    _serve()
