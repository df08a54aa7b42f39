"""Twenty visitors at once: concurrent browser sessions open the map page, then each picks a technology.

    .venv/bin/python -m benchmarks.load [--sessions 20] [--browsers 2] [--data data/deployments.csv]

One `streamlit run app.py` on 127.0.0.1 (ATLAS_DATA=--data), warmed up by one visit to the home
page, then timed for one visitor alone (the reference). Then every session starts at the same moment,
each in its own Playwright context (no shared cache or cookie), spread over 1 or 2 headless chromium
processes and driven by one asyncio loop. A session succeeds when its map shows every located row,
then, after it picks a technology in the sidebar, the map shows that technology's rows, with no
exception box and no dialog. Times come from the probe of benchmarks/browser.py (the browser's own
clock). The server's resident memory (process and children, psutil) is read when idle before, peak
during, and after the sessions while they are still open, then once they are closed; its CPU time
over the sessions too. Bounded: at most 50 sessions, every wait at most SESSION_TIMEOUT_S, the whole
run at most RUN_TIMEOUT_S. Writes benchmarks/LOAD.md; `python -m benchmarks` runs it too.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

from benchmarks.browser import BLANK_TILE, CHROMIUM, CHROMIUM_ARGS, PROBE_JS, MemorySampler, streamlit_server
from benchmarks.load_report import SETTLE_S, load_markdown
from benchmarks.measure_browser import (
    APP_ERROR,
    APP_IDLE,
    DRAWN_OR_FAILED,
    NOW_JS,
    READ_PROBE,
    filter_choices,
)
from benchmarks.measure_machine import describe_machine
from utils.data import load_deployments
from utils.mapping import located_rows
from utils.paths import DEPLOYMENTS_CSV, ROOT

LOAD_MD = Path(__file__).resolve().parent / "LOAD.md"
LOG = ROOT / "benchmarks" / "out" / "server-load.log"
MAX_SESSIONS = 50
SESSION_TIMEOUT_S = 240
RUN_TIMEOUT_S = 900
OTHER_HOSTS = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
TILE_HOST = re.compile(r"(^|\.)tile\.")


@dataclass
class Session:
    """What one visitor saw: times in ms (browser clock), markers counted, or the error that stopped it."""

    number: int
    markers_ms: float = math.nan  # navigation start -> every located row drawn
    filter_ms: float = math.nan  # technology picked -> the new map drawn
    markers: int | None = None
    error: str = ""
    dialogs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and not self.dialogs


async def run_session(browser, number: int, url: str, total: int, choice: tuple[str, int]):
    """Open the map page in a fresh context, wait for every marker, pick a technology, wait again.

    Returns the Session and its context, left open so that the server still holds the session.
    """
    session = Session(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    try:
        await context.add_init_script(PROBE_JS)
        await context.route(OTHER_HOSTS, _offline)
        page = await context.new_page()
        page.on("dialog", lambda dialog: _dismiss(session, dialog))
        await page.goto(f"{url}/carte", wait_until="commit", timeout=SESSION_TIMEOUT_S * 1000)
        await page.wait_for_function(DRAWN_OR_FAILED, timeout=SESSION_TIMEOUT_S * 1000)
        await _fail_on_exception(page)
        probe = await page.evaluate(READ_PROBE)
        session.markers_ms = probe["drawn"][0][0] - probe["origin"]
        session.markers = probe["drawn"][0][1]
        if session.markers != total:
            raise RuntimeError(f"{session.markers} markers drawn, {total} expected")
        session.filter_ms = await _pick_technology(page, *choice)
        await _fail_on_exception(page)
    except Exception as exc:  # a failed session is a result, reported with its reason
        session.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return session, context


async def _pick_technology(page, label: str, expected: int) -> float:
    """Pick `label` in the sidebar's technology filter; ms until a map of `expected` markers is drawn."""
    timeout = SESSION_TIMEOUT_S * 1000
    await page.locator(APP_IDLE).wait_for(timeout=timeout)
    box = page.locator(".st-key-tech input")
    await box.click(timeout=timeout)
    await box.fill(label)
    option = page.get_by_role("option", name=label, exact=True)
    await option.wait_for(timeout=timeout)
    started = await page.evaluate(NOW_JS)
    await option.click(timeout=timeout)
    await page.wait_for_function("([n, t]) => window.__bench.drawn.some(d => d[1] === n && d[0] > t)",
                                 arg=[expected, started], timeout=timeout)
    probe = await page.evaluate(READ_PROBE)
    return next(at for at, count in probe["drawn"] if count == expected and at > started) - started


async def _fail_on_exception(page) -> None:
    if await page.locator(APP_ERROR).count():
        raise RuntimeError("exception box: " + (await page.locator(APP_ERROR).first.inner_text())[:200])


def _dismiss(session: Session, dialog) -> None:
    session.dialogs.append(dialog.message)
    asyncio.ensure_future(dialog.dismiss())


async def _offline(route) -> None:
    """Tiles get a blank image; any other third-party request is refused (the app must not need one)."""
    if TILE_HOST.search(route.request.url.split("/")[2]):
        await route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    else:
        await route.abort()


async def run_all(url: str, sessions: int, browsers: int, total: int, choices: list, memory) -> dict:
    """Warm the server up, then start every session at once; memory read before, after, after closing."""
    async with async_playwright() as playwright:
        launched = [await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=CHROMIUM_ARGS) for _ in range(browsers)]
        await _warm_up(launched[0], url)
        alone, context = await run_session(launched[0], 0, url, total, choices[-1])
        await context.close()
        before = memory()
        started = time.monotonic()
        results = await asyncio.gather(*(
            run_session(launched[n % browsers], n + 1, url, total, choices[n % len(choices)])
            for n in range(sessions)))
        wall = time.monotonic() - started
        await asyncio.sleep(SETTLE_S)
        open_after = memory()
        for _, context in results:
            await context.close()
        await asyncio.sleep(SETTLE_S)
        closed_after = memory()
        for browser in launched:
            await browser.close()
    return {"sessions": [session for session, _ in results], "alone": alone, "wall_s": wall,
            "before": before[0], "open_after": open_after[0], "closed_after": closed_after[0],
            "cpu_s": open_after[1] - before[1]}


async def _warm_up(browser, url: str) -> None:
    # The first visitor of a fresh Streamlit 1.67 server gets a spurious "Page not found" dialog when it
    # opens another page than home (see tests/browser/conftest.py): the home page takes that visit.
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url, timeout=SESSION_TIMEOUT_S * 1000)
    await page.locator(APP_IDLE).wait_for(timeout=SESSION_TIMEOUT_S * 1000)
    await context.close()


def server_usage(pid: int):
    """A function giving (resident bytes, CPU seconds used so far) of the server and its children."""
    process = psutil.Process(pid)

    def read() -> tuple[int, float]:
        family = [process, *process.children(recursive=True)]
        cpu = sum(p.cpu_times().user + p.cpu_times().system for p in family)
        return sum(p.memory_info().rss for p in family), cpu

    return read


def measure(data: Path, sessions: int, browsers: int, log: Path = LOG) -> dict:
    """Serve app.py on `data` and run the sessions; the figures of LOAD.md (see load_report)."""
    rows = load_deployments(data).rows
    total, choices = len(located_rows(rows)), filter_choices(rows)
    with streamlit_server("app.py", data, log) as (url, process), MemorySampler(process.pid) as sampler:
        run = asyncio.run(asyncio.wait_for(
            run_all(url, sessions, browsers, total, choices, server_usage(process.pid)), RUN_TIMEOUT_S))
    run.update(data=data, rows=len(rows), located=total, peak=sampler.peak_bytes, browsers=browsers)
    return run


def main(argv: list[str] | None = None) -> int:
    """Run the load test, write LOAD.md; 1 if a session failed, else 0."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help=f"concurrent sessions (1–{MAX_SESSIONS})")
    parser.add_argument("--browsers", type=int, default=2, choices=(1, 2), help="chromium processes")
    parser.add_argument("--data", type=Path, default=DEPLOYMENTS_CSV, help="deployments CSV (ATLAS_DATA)")
    parser.add_argument("--output", type=Path, default=LOAD_MD, help="where to write the report")
    args = parser.parse_args(argv)
    sessions = min(max(args.sessions, 1), MAX_SESSIONS)
    machine = describe_machine()
    run = measure(args.data, sessions, args.browsers)
    text = load_markdown(run, machine)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(session.ok for session in run["sessions"]) else 1


if __name__ == "__main__":
    sys.exit(main())
