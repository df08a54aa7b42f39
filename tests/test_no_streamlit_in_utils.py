"""utils/ holds plain logic: no module there may import streamlit."""

import ast
from pathlib import Path

import pytest

UTILS = Path(__file__).parent.parent / "utils"


def imported_modules(source: str) -> set[str]:
    """Every module a piece of Python source imports, at any depth (functions included)."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def imports_streamlit(source: str) -> bool:
    """streamlit itself, its submodules, or a streamlit component such as streamlit_folium."""
    return any(name.split(".")[0] == "streamlit" or name.startswith("streamlit_")
               for name in imported_modules(source))


@pytest.mark.parametrize("source", [
    "import streamlit as st",
    "from streamlit import session_state",
    "import os, streamlit.components.v1 as components",
    "def later():\n    import streamlit\n",
    "try:\n    from streamlit.runtime import exists\nexcept ImportError:\n    pass\n",
    "from streamlit_folium import st_folium",
])
def test_the_import_finder_sees_every_way_of_importing_streamlit(source):
    """Test that the detector catches plain, aliased, dotted, nested, guarded and component imports."""
    assert imports_streamlit(source)


@pytest.mark.parametrize("source", ["import folium", "from ui import streamlit_helpers", "x = 'streamlit'",
                                    "import streamlitish"])
def test_the_import_finder_ignores_lookalikes(source):
    """Test that other packages and strings mentioning streamlit are not flagged."""
    assert not imports_streamlit(source)


def test_no_module_in_utils_imports_streamlit():
    """Test that every module under utils/ is free of streamlit imports."""
    modules = sorted(UTILS.rglob("*.py"))
    assert modules, "utils/ has no Python module"
    offenders = [str(path.relative_to(UTILS)) for path in modules
                 if imports_streamlit(path.read_text(encoding="utf-8"))]
    assert offenders == []
