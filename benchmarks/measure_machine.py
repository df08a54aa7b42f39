"""What the figures were measured on: processor, cores, memory, load, versions, date."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psutil

from benchmarks.browser import CHROMIUM

PACKAGES = ("pandas", "folium", "streamlit", "streamlit-folium", "playwright")


def describe_machine() -> dict[str, str]:
    """Label -> value, in the order RESULTS.md lists them."""
    return {
        "Date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "CPU": _cpu_model(),
        "Cores": str(os.cpu_count()),
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "Load average (1 min) at start": f"{os.getloadavg()[0]:.1f}",
        "Python": platform.python_version(),
        **{name: _version(name) for name in PACKAGES},
        "Chromium": _chromium_version(),
    }


def load_average() -> float:
    """The 1-minute load average: above the core count, other processes share the CPUs."""
    return os.getloadavg()[0]


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown"
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor() or "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    if not CHROMIUM.exists():
        return "missing"
    answer = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30)
    return answer.stdout.strip() or "unknown"
