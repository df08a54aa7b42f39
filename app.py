"""The frame of the atlas: page settings, language, shared filters, then the chosen page."""

import streamlit as st

from ui.context import frame_controls
from ui.nav import navigation

st.set_page_config(page_title="Atlas de la surveillance algorithmique", page_icon="👁️", layout="wide")
controls = frame_controls()
navigation(controls.lang).run()
