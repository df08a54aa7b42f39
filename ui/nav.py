"""The pages of the atlas, their translated titles and readable addresses, and links between them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from ui.text import md
from utils.i18n import tr
from utils.paths import ROOT


@dataclass(frozen=True)
class PageSpec:
    """One page: its file, its address, its French and English titles and its icon."""

    path: str
    url_path: str
    title_fr: str
    title_en: str
    icon: str

    def title(self, lang: str) -> str:
        """The page's title in `lang`."""
        return tr(lang, self.title_fr, self.title_en)


# Each page file is named after its address: Streamlit first resolves a direct link such as /carte
# against the files of pages/ (its older multipage mode) before app.py registers the pages, and shows
# a "Page not found" dialog when no file of that name exists. The home page is the exception: it is
# reached at "/", and a file named after its address makes a rerun lose the query parameters.
PAGES = (
    PageSpec("pages/home.py", "accueil", "Accueil", "Home", ":material/home:"),
    PageSpec("pages/carte.py", "carte", "Carte", "Map", ":material/map:"),
    PageSpec("pages/chronologie.py", "chronologie", "Chronologie", "Timeline", ":material/timeline:"),
    PageSpec("pages/donnees.py", "donnees", "Données", "Data", ":material/table:"),
    PageSpec("pages/acteurs.py", "acteurs", "Acteurs", "Vendors", ":material/business:"),
    PageSpec("pages/agir.py", "agir", "Agir", "Act", ":material/campaign:"),
    PageSpec("pages/contribuer.py", "contribuer", "Contribuer", "Contribute", ":material/edit_note:"),
    PageSpec("pages/methode.py", "methode", "Méthode", "About", ":material/menu_book:"),
)
HOME = PAGES[0]


def available_pages() -> list[PageSpec]:
    """The pages whose file exists (some are written by others and may not exist yet)."""
    return [spec for spec in PAGES if (ROOT / spec.path).exists()]


def navigation(lang: str):
    """`st.navigation` over the available pages, titles in `lang`; returns the page to run."""
    pages = [
        st.Page(spec.path, title=spec.title(lang), icon=spec.icon, url_path=spec.url_path,
                default=spec == HOME)
        for spec in available_pages()
    ]
    return st.navigation(pages)


def page_link(spec: PageSpec, label: str, params: dict[str, list[str]], in_frame: bool) -> None:
    """A link to another page that keeps the current filters and language.

    A page run alone (AppTest, or before the frame exists) has no navigation to link through,
    so it gets a plain link to the same address instead.
    """
    if not (ROOT / spec.path).exists():
        return
    if in_frame:
        st.page_link(spec.path, label=label, icon=spec.icon, query_params=params)
        return
    query = f"?{urlencode(params, doseq=True)}" if params else ""
    st.markdown(f"[{md(label)}](./{spec.url_path}{query})")
