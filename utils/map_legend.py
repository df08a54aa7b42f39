"""The map's legend (a Leaflet control) and the CSS of the atlas's map elements."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from utils.i18n import tr
from utils.map_choropleth import CountClass
from utils.map_markers import script_json
from utils.map_palette import ALL_GROUPS, group_indices
from utils.popups import text

MAP_CSS = """
.atlas-legend { background: #fff; color: #222; padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.35); font: 12px/1.45 system-ui, sans-serif; max-width: 240px; }
.atlas-legend h2 { font-size: 12px; margin: 0 0 2px; }
.atlas-legend ul { list-style: none; margin: 0 0 4px; padding: 0; }
.atlas-swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px;
  vertical-align: -1px; border: 1px solid #222; border-radius: 50%; }
.atlas-swatch-area { border-radius: 2px; border-color: #555; }
.leaflet-container .marker-cluster-small, .leaflet-container .marker-cluster-medium,
.leaflet-container .marker-cluster-large { background-color: rgba(51, 51, 51, .25); }
.leaflet-container .marker-cluster-small div, .leaflet-container .marker-cluster-medium div,
.leaflet-container .marker-cluster-large div { background-color: rgba(255, 255, 255, .95);
  border: 1.5px solid #333; color: #111; font-weight: 600; }
.atlas-legend summary { cursor: pointer; font-weight: 600; }
.atlas-popup { font: 13px/1.35 system-ui, sans-serif; }
.atlas-popup dl { margin: 0 0 6px; }
.atlas-popup dt { font-weight: 600; margin-top: 3px; }
.atlas-popup dd { margin: 0; overflow-wrap: anywhere; }
"""


class Legend(MacroElement):
    """A legend control in the map's bottom-left corner (it folds away), from ready-escaped HTML."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var box = L.DomUtil.create('div', 'atlas-legend');
                // Folded on narrow maps (phones), where it would hide most of the map.
                var open = {{ this._parent.get_name() }}.getSize().x < 640 ? '' : ' open';
                box.innerHTML = '<details' + open + '><summary>' + {{ this.title_json }} + '</summary>'
                    + {{ this.html_json }} + '</details>';
                L.DomEvent.disableClickPropagation(box);
                return box;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, title: str):
        super().__init__()
        self._name = "Legend"
        self.css = MAP_CSS
        self.html = html
        self.html_json = script_json(html)
        self.title_json = script_json(text(title))


def technology_legend(located: pd.DataFrame, lang: str) -> str:
    """The colour of each technology group present in `located`, with its number of markers."""
    counts = Counter(group_indices(located["technology"]))
    items = "".join(
        f'<li><span class="atlas-swatch {group.css_class}" style="background:{group.colour}"></span>'
        f"{text(group.label(lang))} ({counts[index]})</li>"
        for index, group in enumerate(ALL_GROUPS) if counts[index]
    )
    return f"<h2>{text(tr(lang, 'Technologie', 'Technology'))}</h2><ul>{items}</ul>" if items else ""


def choropleth_legend(classes: list[CountClass], level: str, lang: str) -> str:
    """The count classes of the choropleth."""
    title = tr(lang, "Déploiements par département", "Deployments per department") if level == "department" \
        else tr(lang, "Déploiements par région", "Deployments per region")
    items = "".join(
        f'<li><span class="atlas-swatch atlas-swatch-area" style="background:{c.colour}"></span>'
        f"{text(c.label())}</li>"
        for c in classes
    )
    return f"<h2>{text(title)}</h2><ul>{items}</ul>"
