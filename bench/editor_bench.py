"""The web editor at N posts: listing and opening posts in Decap CMS under a real `cchc serve`.

    .venv/bin/python bench/editor_bench.py --posts 2000

Generates a synthetic site (bench/sitegen.py), starts `cchc serve` on a free loopback
port, and measures: the backend's answer to the listing (`entriesByFolder`: every post
with its text, as Decap asks for it), then in headless Chromium the time from opening the
collection until its list shows posts, the posts the list shows after scrolling to its end,
and the time to open one post (the form filled). Not part of the test suite's timing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from build_bench import EPOCH, REPO, cchc_config
from sitegen import generate

sys.path.insert(0, str(REPO / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

ENTRY_LINKS = 'a[href*="/collections/posts/entries/"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, limit: float = 900) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"cchc serve không trả lời ở {url}")


def api_listing(base: str) -> tuple[float, int, int]:
    """Seconds, entries and megabytes of the listing Decap asks for."""
    body = {"action": "entriesByFolder", "params": {"branch": "main", "folder": "posts", "extension": "md", "depth": 3}}
    request = urllib.request.Request(
        base + "quan-tri/api/v1", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        data = response.read()
    return time.perf_counter() - start, len(json.loads(data)), len(data) // 1_000_000


def browser_figures(base: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(600_000)
        page.goto(base + "quan-tri/")
        page.get_by_role("button", name="Đăng nhập").click()
        start = time.perf_counter()
        page.locator(ENTRY_LINKS).first.wait_for()
        listed = time.perf_counter() - start
        print(f"danh sách hiện sau {listed:.2f} s", file=sys.stderr, flush=True)
        for _ in range(200):  # Decap shows a page of posts and more as the list scrolls
            before = page.locator(ENTRY_LINKS).count()
            page.mouse.wheel(0, 20_000)
            page.wait_for_timeout(300)
            if page.locator(ENTRY_LINKS).count() == before:
                break
        shown = page.locator(ENTRY_LINKS).count()
        print(f"{shown} bài trong danh sách", file=sys.stderr, flush=True)
        href = page.locator(ENTRY_LINKS).last.get_attribute("href") or ""
        start = time.perf_counter()
        page.goto(base + "quan-tri/" + href.split("quan-tri/", 1)[-1])
        page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value.startsWith('Tin'))")
        opened = time.perf_counter() - start
        browser.close()
    return {"listed": listed, "shown": shown, "opened": opened}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--root", type=Path, help="keep the generated site here (and its image cache) for a rerun")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = args.root or Path(work) / "site"
        if not (root / "mkdocs.yml").is_file():
            generate(root, args.posts)
            (root / "mkdocs.yml").write_text(yaml.safe_dump(cchc_config(root), allow_unicode=True), encoding="utf-8")
        print(f"{args.posts} bài trong {root}; chờ cchc serve dựng trang…", file=sys.stderr, flush=True)
        base = f"http://127.0.0.1:{free_port()}/"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        command = [sys.executable, "-m", "cchc", "serve", "-a", base[7:-1]]
        server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(base + "quan-tri/config.yml")
            seconds, entries, megabytes = api_listing(base)
            print(f"API: {seconds:.2f} s, {entries} bài, {megabytes} MB", file=sys.stderr, flush=True)
            figures = browser_figures(base)
        finally:
            server.terminate()
            server.wait(60)
    print("| posts | listing API (s) | entries | MB | list shown (s) | posts in the list | one post opened (s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {args.posts} | {seconds:.2f} | {entries} | {megabytes} | {figures['listed']:.2f} "
        f"| {figures['shown']:.0f} | {figures['opened']:.2f} |"
    )


if __name__ == "__main__":
    main()
