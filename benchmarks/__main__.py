"""python -m benchmarks [--entries N] [--runs R]: see benchmarks/run.py."""

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import BenchmarkError
from benchmarks.run import format_report, run_benchmark

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Build one generated journal with this project and with "
        "stock Pelican, alternating, and print the medians.",
    )
    parser.add_argument("--entries", type=int, default=1000, help="journal entries")
    parser.add_argument("--runs", type=int, default=3, help="rounds per measure")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument(
        "--serve-saves",
        type=int,
        default=7,
        help="saves timed in the preview (0: none)",
    )
    parser.add_argument(
        "--sequence",
        type=int,
        default=40,
        help="steps of the differential sequence (0: none)",
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="folder for latest.md/.json"
    )
    args = parser.parse_args(argv)
    if args.entries < 1 or args.runs < 1 or args.serve_saves < 0 or args.sequence < 0:
        parser.error("--entries and --runs must be at least 1, the others 0 or more")
    workdir = Path(tempfile.mkdtemp(prefix="journal-bench-"))
    try:
        results = run_benchmark(
            args.entries,
            args.runs,
            workdir,
            serve_saves=args.serve_saves,
            sequence_steps=args.sequence,
        )
    except BenchmarkError as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report = format_report(results)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.md").write_text(report, encoding="utf-8")
    (args.results / "latest.json").write_text(
        json.dumps(results, indent=2, default=dataclasses.asdict), encoding="utf-8"
    )
    print()
    print(report)
    kept = f"; the sites are in {workdir}" if args.keep else ""
    print(f"Saved in {args.results}/latest.md and latest.json{kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
