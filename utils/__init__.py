"""Plain-Python logic of the atlas: loading, validation, geocoding, filtering, maps, charts.

No module in this package imports streamlit (a test enforces it), so every function can be
used from the command line, from tests and from the pages alike.
"""
