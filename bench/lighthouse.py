"""Lighthouse (mobile) on the demo site, served on loopback with gzip.

    .venv/bin/python bench/lighthouse.py [--runs 3]

Builds the repository's site at SOURCE_DATE_EPOCH=1795410000 into a temporary folder,
serves it on 127.0.0.1 with gzip compression (as a unit's web server should), and runs
Lighthouse's default mobile audit (emulated phone, simulated slow 4G) in Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) on the landing page `/cchc/` and one
post. Prints each category's median score over the runs, then the audits that lost
points. Lighthouse comes from npm (`bench/package.json`), installed here on the first
run with `npm ci`; CI does not run this. No request leaves the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PAGES = ["cchc/", "cchc/2026/03/trung-tam-trien-khai-thanh-toan-vien-phi-khong-dung-tien-mat/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it and the type is text."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not kind.startswith(COMPRESSIBLE) or not accepts:
            return super().send_head()  # folders without "/" (redirected), missing files, images
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:
        pass


class _Body:
    """What `send_head` returns: `copyfile` reads it, `do_GET` closes it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(site_dir: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795410000", "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "-q", "-d", str(site_dir)], cwd=REPO, env=env, check=True)


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        if shutil.which("npm") is None:
            sys.exit("Cần Node.js và npm để cài Lighthouse (apt-get install nodejs npm).")
        print("Cài Lighthouse (npm ci trong bench/)…", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        sys.exit(f"Không thấy Chromium tại {path} (apt-get install chromium, hoặc đặt CHROME_PATH).")
    return path


def audit(url: str, out: Path, chrome: str) -> dict:
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
        ],
        env=env,
        check=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def lost_points(report: dict) -> list[str]:
    """Audits that count in a category's score and did not pass."""
    lines = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                value = f" ({result['displayValue']})" if result.get("displayValue") else ""
                lines.append(f"  {key}: {ref['id']} {result['score']:.2f}{value}")
                for item in (result.get("details") or {}).get("items", [])[:3]:
                    what = item.get("description") or item.get("url") or (item.get("node") or {}).get("snippet")
                    lines.append(f"    {str(what)[:160]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    args = parser.parse_args()
    chrome = chrome_path()
    install_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="cchc-lighthouse-"))
    try:
        build(work / "site")
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(work / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print("| page | " + " | ".join(CATEGORIES) + " |")
        print("| --- |" + " ---: |" * len(CATEGORIES))
        notes = []
        for page in PAGES:
            reports = [audit(base + page, work / f"run{i}.json", chrome) for i in range(args.runs)]
            medians = [
                round(statistics.median(r["categories"][key]["score"] * 100 for r in reports)) for key in CATEGORIES
            ]
            print(f"| `/{page}` | " + " | ".join(str(m) for m in medians) + " |")
            notes += [f"/{page}:"] + lost_points(reports[0])
        server.shutdown()
        print("\n".join(notes))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
