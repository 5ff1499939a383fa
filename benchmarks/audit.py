"""Lighthouse scores of the built site, as a phone on a slow network sees it.

    python benchmarks/audit.py [--runs N] [SITE_DIR [PAGE ...]]

Serves ``SITE_DIR`` (default ``site/``) on 127.0.0.1 with gzip, as a static
host such as GitHub Pages does, and runs Lighthouse (``benchmarks/audit/``, its
default mobile preset with simulated throttling) on each ``PAGE`` (a path
such as ``chain-rule/``; by default every page of the sitemap, which is
every page in the nav). Each page is audited ``N`` times (default 3) and the
run with the median performance score is reported, since that score moves
from run to run. Prints the four category scores of each page, what cost
points, a table of the median scores of every page with the load average
of the machine at the start and the end (a loaded machine scores lower),
and exits 1 when a score is below its target.

Needs ``npm ci --prefix benchmarks/audit``, node, and a Chromium (``CHROME_PATH``,
default ``/usr/bin/chromium``). ``make audit`` does all of it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = (
    ROOT / "benchmarks" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
)
TARGETS = {
    "performance": 0.95,
    "accessibility": 1.0,
    "best-practices": 1.0,
    "seo": 1.0,
}
# Headless Chromium that reaches no host but the one under audit.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client asks, like a real static host."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirects to the URL with a slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` from a thread on a free port; the server and its URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def pages_to_audit(site: Path) -> list[str]:
    """Every page of the site, home first: the pages its sitemap lists
    (every page is in the nav, or the build fails), as paths such as
    ``chain-rule/``."""
    sitemap = ElementTree.parse(site / "sitemap.xml")
    paths = [
        urlsplit(loc.text.strip()).path
        for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        if loc.text
    ]
    base = min(paths, key=len)  # the home page: "/" or "/<repository>/"
    return sorted(path[len(base) :] for path in paths)


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run on ``url``: its JSON report."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(TARGETS),
    ]
    # On a loaded machine Chromium now and then misses a DevTools deadline
    # and the run fails: it is run once more before the audit gives up.
    for _attempt in (1, 2):
        done = subprocess.run(command, env=os.environ | {"CHROME_PATH": chrome})
        if done.returncode == 0:
            return json.loads(out.read_text(encoding="utf-8"))
        print(f"Lighthouse failed on {url} (exit {done.returncode})", file=sys.stderr)
    sys.exit(f"Lighthouse failed twice on {url}: see its messages above")


def scores(report: dict) -> dict[str, float]:
    return {name: report["categories"][name]["score"] for name in TARGETS}


def lost_points(report: dict) -> list[str]:
    """The audits of a report that scored below 1 and count towards a score."""
    weighted = {
        ref["id"]
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
    }
    return [
        f"{audit_id}: {audit.get('displayValue') or audit['title']}"
        for audit_id, audit in sorted(report["audits"].items())
        if audit_id in weighted
        and audit.get("score") is not None
        and audit["score"] < 1
    ]


def audit_page(url: str, runs: int, tmp: Path) -> tuple[dict, list[float]]:
    """The report of the median run by performance, and every run's score."""
    reports = [lighthouse(url, tmp / f"report-{n}.json") for n in range(runs)]
    reports.sort(key=lambda report: scores(report)["performance"] or 0)
    return reports[len(reports) // 2], [scores(r)["performance"] for r in reports]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("pages", nargs="*", help="paths such as chain-rule/")
    parser.add_argument("--runs", type=int, default=3, help="runs per page")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        sys.exit(f"no built site in {site}: run `make build` first")
    if not LIGHTHOUSE.is_file():
        sys.exit("no Lighthouse: run `npm ci --prefix benchmarks/audit`")
    server, base = serve(site)
    missed, table = [], []
    load_start = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in args.pages or pages_to_audit(site):
                report, performance = audit_page(base + page, args.runs, Path(tmp))
                runs = ", ".join(f"{p:.2f}" for p in performance)
                print(
                    f"/{page}  (performance over {args.runs} runs: {runs})", flush=True
                )
                for name, score in scores(report).items():
                    ok = score is not None and score >= TARGETS[name]
                    mark = "ok" if ok else f"below the target, {TARGETS[name]:.2f}"
                    print(f"  {name:<15} {score or 0:.2f}  {mark}")
                    if not ok:
                        missed.append(f"/{page} {name}")
                for line in lost_points(report):
                    print(f"    - {line}")
                table.append((page, scores(report), report["audits"]))
    finally:
        server.shutdown()
    print(summary(table, load_start, os.getloadavg()))
    if missed:
        print("below target: " + ", ".join(missed))
    return 1 if missed else 0


def summary(table: list, load_start: tuple, load_end: tuple) -> str:
    """The median run of every page in one table, with the load average."""
    lines = [
        "",
        f"{'page':<28} perf  a11y  b.p.  seo   TBT ms  LCP s",
    ]
    for page, score, audits in table:
        tbt = audits.get("total-blocking-time", {}).get("numericValue") or 0
        lcp = audits.get("largest-contentful-paint", {}).get("numericValue") or 0
        cells = "  ".join(f"{score[name] or 0:.2f}" for name in TARGETS)
        lines.append(f"/{page:<27} {cells}  {tbt:6.0f}  {lcp / 1000:5.1f}")
    start = " ".join(f"{x:.1f}" for x in load_start)
    end = " ".join(f"{x:.1f}" for x in load_end)
    lines.append(f"load average (1, 5, 15 min): {start} at the start, {end} at the end")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
