"""A standalone map of a filtered view, to put on another website, and the <iframe> snippet to embed it.

The map is utils.mapping's (same markers, popups and legend), with its Leaflet files *inlined* rather
than loaded from the hosted app's /app/static/: the file is meant to be copied to another site, and
must keep working whatever becomes of the app's address, without asking a CDN or the app for code.
It costs about 200 kB. The only third-party requests are the map tiles, as in the app. Popups link to
the deployment's record on the app when its address (`base_url`) is known.
"""

from __future__ import annotations

import base64
import re
from html import escape
from urllib.parse import quote, urlsplit

import pandas as pd
from branca.element import Element

from utils.i18n import tr
from utils.map_assets import LEAFLET_CSS, LEAFLET_JS, MARKERCLUSTER_CSS, MARKERCLUSTER_JS, asset_file
from utils.map_zones import busiest_zone
from utils.mapping import MapOptions, build_map, located_rows
from utils.popups import LINK_ATTRIBUTES, safe_url

EMBED_FILE = "atlas-carte.html"
DATA_PAGE = "donnees"
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
_CREDIT_STYLE = ("position:absolute;top:8px;right:8px;z-index:1000;background:rgba(255,255,255,.9);"
                 "padding:2px 6px;border-radius:3px;font:12px/1.4 system-ui,sans-serif;")


def build_embed(rows: pd.DataFrame, lang: str, *, base_url: str = "", title: str = "") -> str:
    """The standalone HTML map of `rows` (typed deployments), its popups in `lang`."""
    base = (safe_url(base_url) or "").rstrip("/")
    options = MapOptions(zone=busiest_zone(located_rows(rows)), card_url=f"{base}/{DATA_PAGE}" if base else
                         f"/{DATA_PAGE}")
    root = build_map(rows, lang, options=options).get_root()
    root.title = escape(title or default_title(lang))
    root.html.add_child(Element(_credit(base, lang)), name="atlas_credit")
    return inline_assets(root.render())


def app_base_url(page_url: str, base_path: str = "") -> str:
    """The app's root address from the address of one of its pages and Streamlit's server.baseUrlPath.

    `https://atlas.example.org/sub/agir?id=x` with base path `sub` gives `https://atlas.example.org/sub`;
    "" when the page's address is unknown or not http(s).
    """
    parts = urlsplit(safe_url(page_url) or "")
    if not parts.netloc:
        return ""
    prefix = "/".join(quote(part) for part in base_path.strip("/").split("/") if part)
    return f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")


def default_title(lang: str) -> str:
    """The embed's title when the page gives none."""
    return tr(lang, "Carte de la surveillance algorithmique", "Map of algorithmic surveillance")


def embed_snippet(lang: str, title: str = "", src: str = EMBED_FILE, height: int = 480) -> str:
    """The <iframe> to paste into a web page, pointing at the embed file put next to it (or at `src`)."""
    title = escape(title or default_title(lang), quote=True)
    return (f'<iframe src="{escape(src, quote=True)}" title="{title}" width="100%" height="{int(height)}" '
            'style="border:0" loading="lazy" referrerpolicy="no-referrer" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>')


def inline_assets(html: str) -> str:
    """Replace each <script src> and stylesheet <link> of the app's static files by the file's content."""
    for _, url in [*LEAFLET_JS, *MARKERCLUSTER_JS]:
        html = _replace_once(html, f'<script src="{url}"></script>', f"<script>{_script(url)}</script>")
    for _, url in [*LEAFLET_CSS, *MARKERCLUSTER_CSS]:
        html = _replace_once(html, f'<link rel="stylesheet" href="{url}"/>', f"<style>{_style(url)}</style>")
    return html


def _replace_once(html: str, tag: str, inline: str) -> str:
    if tag not in html:
        # folium changed how it writes its links: fail loudly rather than ship a map that needs the app.
        raise ValueError(f"balise attendue absente de la carte : {tag}")
    return html.replace(tag, inline)


def _script(url: str) -> str:
    path = asset_file(url)
    code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
    licence = (path.parent / "LICENSE").read_text(encoding="utf-8").replace("*/", "* /")
    return f"\n/* {path.parent.name} — LICENSE:\n{licence}*/\n{code}\n"


def _style(url: str) -> str:
    path = asset_file(url)
    css = path.read_text(encoding="utf-8").replace("</style", "<\\/style")
    return _CSS_IMAGE.sub(lambda match: f"url({_data_uri(path.parent / match.group(1))})", css)


def _data_uri(path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _credit(base: str, lang: str) -> str:
    name = escape(tr(lang, "Atlas de la surveillance algorithmique", "Atlas of algorithmic surveillance"))
    licence = escape(tr(lang, "données ODbL", "ODbL data"))
    atlas = f'<a href="{escape(base, quote=True)}" {LINK_ATTRIBUTES}>{name}</a>' if base else name
    return f'<div class="atlas-credit" style="{_CREDIT_STYLE}">{atlas} · {licence}</div>'
