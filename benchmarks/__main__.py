"""`python -m benchmarks` (`make bench`): generate datasets, measure, run the load test, print one table,
write RESULTS.md (and LOAD.md beside it, the load test's detailed report).

Options: --sizes 100,1000,10000,50000  --runs 5 (Python)  --browser-runs 3  --no-browser
         --load-sessions 20  --no-load  --out benchmarks/out  --results benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from benchmarks.generate import OUT_DIR, write_deployments
from benchmarks.load_report import not_measured_section
from benchmarks.measure_goals import SizeResult, check_goals
from benchmarks.measure_machine import describe_machine, load_average
from benchmarks.measure_python import measure_python
from benchmarks.report import goals_text, results_markdown, results_table
from utils.paths import DEPLOYMENTS_CSV

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
SIZES = (100, 1_000, 10_000, 50_000)
# The baseline takes ~1 minute per build and ~half a minute per page at 50 000 rows: it is timed in
# Python at every size, in the browser only up to this size.
NAIVE_BROWSER_MAX = 10_000
LOAD_SESSIONS = 20
LOAD_BROWSERS = 2


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns 1 when a step failed, else 0 (missed goals are reported, not errors)."""
    args = _parser().parse_args(argv)
    machine = describe_machine()
    results = {size: _measure(size, args) for size in args.sizes}
    load, load_ok = _load_section(args)
    machine["Load average (1 min) at end"] = f"{load_average():.1f}"
    table, verdicts = results_table(results), check_goals(results)
    print(table + "\n\n" + goals_text(verdicts) + "\n\n" + load)
    report = results_markdown(machine, table, verdicts, _options(args), load)
    args.results.write_text(report, encoding="utf-8")
    print(f"Written: {args.results}")
    return 1 if any(result.failures for result in results.values()) or not load_ok else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5, help="runs per Python step (median)")
    parser.add_argument("--browser-runs", type=int, default=3, help="page loads per size (median)")
    parser.add_argument("--no-browser", action="store_true", help="Python figures only (no load test either)")
    parser.add_argument("--load-sessions", type=int, default=LOAD_SESSIONS,
                        help="concurrent sessions of the load test, on data/deployments.csv")
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where datasets and server logs go")
    parser.add_argument("--results", type=Path, default=RESULTS_MD,
                        help="the Markdown report to write; LOAD.md goes beside it")
    return parser


def _options(args: argparse.Namespace) -> str:
    sizes = ",".join(map(str, args.sizes))
    options = f"--sizes {sizes} --runs {args.runs} --browser-runs {args.browser_runs}"
    options += " --no-browser" if args.no_browser else ""
    return options + (" --no-load" if args.no_load else f" --load-sessions {args.load_sessions}")


def _measure(size: int, args: argparse.Namespace) -> SizeResult:
    result = SizeResult(size)
    _log(f"{size} rows: generating")
    path = write_deployments(size, out_dir=args.out)
    steps = [("python", lambda: measure_python(path, args.runs))]
    if not args.no_browser:
        from benchmarks.measure_browser import measure_browser  # Playwright only when needed

        steps.append(("browser", lambda: measure_browser(path, args.browser_runs, args.out)))
        if size <= NAIVE_BROWSER_MAX:
            steps.append(("naive_browser", lambda: measure_browser(path, args.browser_runs, args.out, True)))
    for name, step in steps:
        _log(f"{size} rows: {name}")
        try:
            setattr(result, name, step())
        except Exception as exc:  # one failed step is reported; the others still run
            result.failures.append(f"{name}: {type(exc).__name__}: {exc}".splitlines()[0])
            traceback.print_exc()
    return result


def _load_section(args: argparse.Namespace) -> tuple[str, bool]:
    """Run the load test on the published data, write LOAD.md beside RESULTS.md; (section, all went well)."""
    if args.no_load or args.no_browser:
        return not_measured_section(args.load_sessions, "--no-load" if args.no_load else "--no-browser"), True
    from benchmarks.load import MAX_SESSIONS, measure  # Playwright only when needed
    from benchmarks.load_report import load_markdown, results_section

    sessions = min(max(args.load_sessions, 1), MAX_SESSIONS)
    _log(f"load test: {sessions} concurrent sessions")
    machine = describe_machine()
    try:
        run = measure(DEPLOYMENTS_CSV, sessions, LOAD_BROWSERS, args.out / "server-load.log")
    except Exception as exc:  # reported in RESULTS.md; the figures measured so far are still written
        traceback.print_exc()
        return not_measured_section(sessions, f"{type(exc).__name__}: {exc}".splitlines()[0]), False
    details = args.results.with_name("LOAD.md")
    details.write_text(load_markdown(run, machine), encoding="utf-8")
    return results_section(run, details.name), all(session.ok for session in run["sessions"])


def _log(text: str) -> None:
    print(f"[bench] {text} (load average {load_average():.1f})", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
