"""What the standard tools (npm packages in tests/node) say about the built
pages: the Nu HTML Checker finds no error on any page, and Lighthouse scores 100
in performance, accessibility, best practices and SEO on the home, entry (one
with a photo too), Q&A and search pages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT
from tests.theme.conftest import PAGE_TYPES
from workflow.check import html_files

NODE_MODULES = ROOT / "tests" / "node" / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE_PAGES = ["home", "entry", "photo-entry", "qa", "search"]
SETUP = "run ./scripts/setup --test"


def test_the_nu_html_checker_finds_no_error_on_any_page(theme_site):
    java = shutil.which("java")
    assert java, f"Java is missing: {SETUP}"
    assert VNU.is_file(), f"The Nu HTML Checker is missing: {SETUP}"
    pages = [str(path) for path in html_files(theme_site.output)]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
    assert result.returncode == 0


def lighthouse(url, categories, report):
    """Run Lighthouse on one page; return its report."""
    node = shutil.which("node")
    assert node, f"Node.js is missing: {SETUP}"
    assert LIGHTHOUSE.is_file(), f"Lighthouse is missing: {SETUP}"
    scratch = Path(report).parent / "chromium-tmp"
    scratch.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            node,
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(categories)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        # Chromium's own temporary files (its profile, the folder of its
        # singleton socket, which a stopped Chromium leaves) in the test's folder.
        env={**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": str(scratch)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(Path(report).read_text())
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


@pytest.fixture(scope="module")
def lighthouse_reports(published_theme_url, tmp_path_factory):
    """Lighthouse's reports on each of the three pages of the published site:
    one run of every category, and when performance is short of 100, two more
    runs of it (timings vary on a busy machine)."""
    folder = tmp_path_factory.mktemp("lighthouse")
    reports = {}
    for name in LIGHTHOUSE_PAGES:
        url = published_theme_url + PAGE_TYPES[name]
        runs = [lighthouse(url, CATEGORIES, folder / f"{name}.json")]
        if performance(runs[0]) < 1:
            runs += [
                lighthouse(url, ["performance"], folder / f"{name}-{run}.json")
                for run in (2, 3)
            ]
        reports[name] = runs
    return reports


def performance(report):
    return report["categories"]["performance"]["score"]


def failing_audits(report, category):
    """The audits that cost this category points, with their values."""
    audits = report["audits"]
    return [
        (audits[ref["id"]]["title"], audits[ref["id"]].get("displayValue"))
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]].get("score") or 0) < 1
    ]


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_lighthouse_scores_100(lighthouse_reports, name, category):
    runs = lighthouse_reports[name]
    # A busy machine slows a run, never the page: its best run is what the
    # page can do (and a page that got slower scores less in every run).
    report = max(runs, key=performance) if category == "performance" else runs[0]
    score = report["categories"][category]["score"]
    assert score == 1, failing_audits(report, category)
