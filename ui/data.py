"""The data files, each read once per version (path, modification time, size); the deployments shared."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from utils import timeline_events, vendors
from utils.data import Dataset, load_deployments
from utils.filters import FilterOptions, filter_options
from utils.paths import deployments_path
from utils.timeline_events import Events, load_events
from utils.vendors import VendorCards, load_vendor_cards


def file_version(path: Path) -> tuple[str, int, int]:
    """What identifies one version of a file: its path, modification time and size."""
    try:
        stat = path.stat()
    except OSError:
        return str(path), 0, 0
    return str(path), stat.st_mtime_ns, stat.st_size


def load_dataset() -> tuple[Dataset, FilterOptions]:
    """The deployments of $ATLAS_DATA (or the bundled file) and the values each filter can take."""
    return _load(*file_version(deployments_path()))


# st.cache_resource, not st.cache_data: st.cache_data would pickle the Dataset and hand every run its own
# copy (about 100 MB at 50 000 rows, times the sessions running at once). The Dataset is read-only: pages
# filter it into new frames and never write to it (tests/apptest/test_data_cache.py checks that).
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, mtime_ns: int, size: int) -> tuple[Dataset, FilterOptions]:
    dataset = load_deployments(path)
    return dataset, filter_options(dataset.rows)


# The paths are read from their modules at each call, so that a path set elsewhere (tests) is followed.
def vendor_cards() -> VendorCards:
    """The cards of data/vendors.csv, read once per version of the file."""
    return _vendor_cards(*file_version(Path(vendors.VENDORS_CSV)))


def milestones() -> Events:
    """The legal milestones of data/events.csv, read once per version of the file."""
    return _milestones(*file_version(Path(timeline_events.EVENTS_CSV)))


@st.cache_data(show_spinner=False, max_entries=4)
def _vendor_cards(path: str, mtime_ns: int, size: int) -> VendorCards:
    return load_vendor_cards(path)


@st.cache_data(show_spinner=False, max_entries=4)
def _milestones(path: str, mtime_ns: int, size: int) -> Events:
    return load_events(path)
