"""The map's legend (a Leaflet control that folds to a button) and the CSS of the atlas's map elements."""

from __future__ import annotations

from collections import Counter
from html import escape

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from utils.i18n import tr
from utils.map_choropleth import CountClass
from utils.map_markers import script_json
from utils.map_palette import ALL_GROUPS, group_indices
from utils.popups import text

MAP_CSS = """
.atlas-legend { background: #fff; color: #222; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.35);
  font: 11px/1.35 system-ui, sans-serif; max-width: 200px; }
.atlas-legend-toggle { display: flex; align-items: center; gap: 4px; min-height: 28px; width: 100%;
  padding: 3px 8px; border: 0; background: none; color: inherit; font: inherit; font-weight: 600;
  text-align: left; cursor: pointer; }
.atlas-legend-toggle::before { content: "\\25B8"; }
.atlas-legend-toggle[aria-expanded="true"]::before { content: "\\25BE"; }
.atlas-legend-toggle:focus-visible { outline: 2px solid #0b57d0; outline-offset: -2px; border-radius: 4px; }
.atlas-legend-body { padding: 0 8px 4px; overflow-y: auto; }
.atlas-legend h2 { font-size: inherit; margin: 0 0 1px; }
.atlas-legend ul { list-style: none; margin: 0 0 4px; padding: 0; }
.atlas-legend li { padding-left: 16px; text-indent: -16px; }
.atlas-narrow .atlas-legend { font-size: 10.5px; max-width: calc(100vw - 20px); }
.atlas-legend .atlas-legend-row li, .atlas-narrow .atlas-legend li {
  display: inline-block; margin-right: 10px; padding-left: 0; text-indent: 0; }
.atlas-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px;
  vertical-align: -1px; border: 1px solid #222; border-radius: 50%; }
.atlas-swatch-area { border-radius: 2px; border-color: #555; }
.leaflet-container .marker-cluster-small, .leaflet-container .marker-cluster-medium,
.leaflet-container .marker-cluster-large { background-color: rgba(51, 51, 51, .25); }
.leaflet-container .marker-cluster-small div, .leaflet-container .marker-cluster-medium div,
.leaflet-container .marker-cluster-large div { background-color: rgba(255, 255, 255, .95);
  border: 1.5px solid #333; color: #111; font-weight: 600; }
.atlas-popup { font: 13px/1.35 system-ui, sans-serif; }
.atlas-popup dl { margin: 0 0 6px; }
.atlas-popup dt { font-weight: 600; margin-top: 3px; }
.atlas-popup dd { margin: 0; overflow-wrap: anywhere; }
"""
# The legend opens folded (a button) on maps smaller than this, where it would hide much of France.
OPEN_MIN_WIDTH, OPEN_MIN_HEIGHT = 640, 420
LEGEND_CONTROL_GAP = 130  # px of the map's height kept for the zoom buttons, the scale and the credits


class Legend(MacroElement):
    """A legend control in the map's bottom-left corner (the Atlantic), folding to a button.

    A disclosure button (aria-expanded, aria-controls) shows or hides the ready-escaped legend body;
    Escape folds it back. Open on a large map, folded on a small one. No control when `html` is empty.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, html = {{ this.html_json }};
            if (!html) { return; }
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var box = L.DomUtil.create('div', 'atlas-legend');
                box.innerHTML = html;
                var button = box.querySelector('.atlas-legend-toggle');
                var body = box.querySelector('.atlas-legend-body');
                function show(open) {
                    button.setAttribute('aria-expanded', open ? 'true' : 'false');
                    body.hidden = !open;
                }
                var size = map.getSize();
                body.style.maxHeight = Math.max(size.y - {{ this.control_gap }}, 80) + 'px';
                show(size.x >= {{ this.open_min_width }} && size.y >= {{ this.open_min_height }});
                L.DomEvent.on(button, 'click', function () { show(body.hidden); });
                L.DomEvent.on(box, 'keydown', function (event) {
                    if (event.key === 'Escape' && !body.hidden) {
                        show(false);
                        button.focus();
                        L.DomEvent.stop(event);
                    }
                });
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body: str, title: str):
        super().__init__()
        self._name = "Legend"
        self.css = MAP_CSS
        self.html = legend_html(f"{self.get_name()}-body", body, title) if body else ""
        self.html_json = script_json(self.html)
        self.open_min_width, self.open_min_height = OPEN_MIN_WIDTH, OPEN_MIN_HEIGHT
        self.control_gap = LEGEND_CONTROL_GAP


def legend_html(body_id: str, body: str, title: str) -> str:
    """A folded disclosure: a button titled `title` (escaped) controlling the ready-escaped `body`."""
    target = escape(body_id, quote=True)
    return (f'<button type="button" class="atlas-legend-toggle" aria-expanded="false" '
            f'aria-controls="{target}">{text(title)}</button>'
            f'<div class="atlas-legend-body" id="{target}" hidden>{body}</div>')


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
    return f'<h2>{text(title)}</h2><ul class="atlas-legend-row">{items}</ul>'
