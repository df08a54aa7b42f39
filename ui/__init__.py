"""Streamlit helpers shared by every page: page context, URL-bound filters, language, notices, data.

Pure logic lives in `utils`; this package only draws widgets and talks to Streamlit.
"""
