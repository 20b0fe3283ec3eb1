"""Build cost at N posts, against the floor: the same Markdown as plain MkDocs pages.

    .venv/bin/python bench/build_bench.py --sizes 250 1000 2000 --runs 5

For each N it generates a synthetic site (bench/sitegen.py), builds it with our
hooks once with a cold image cache, then warm and as plain pages (no hooks, not in
the nav) alternately, `--runs` times each, every build in a fresh process; the
ratio is the median of each pair's warm/plain ratio, so a load that comes and goes
weighs on both sides alike. It prints wall times, peak RSS, the time spent in each
of our hook events, and the editor's loop: `cchc serve`'s rebuild after saving one
post (its body, then its title), as `mkdocs serve --dirty` runs it. Not part of the
test suite's timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
EPOCH = "1795410000"


def cchc_config(root: Path) -> dict:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        docs_dir=str(root / "docs"),
        site_dir=str(root / "site"),
        watch=[],
        hooks=[str(REPO / "hooks" / "cchc_hooks.py")],
    )
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    return config


def plain_config(root: Path) -> dict:
    base = cchc_config(root)
    return {
        "site_name": base["site_name"],
        "site_url": base.get("site_url"),
        "docs_dir": str(root / "docs"),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "language": "vi"},
        "plugins": base["plugins"],
        "markdown_extensions": base["markdown_extensions"],
        "not_in_nav": "/posts/**\n",
        "nav": [{"Trang chủ": "index.md"}, {"Giới thiệu": "gioi-thieu.md"}],
    }


def child(config_path: str) -> None:
    """Build once in this process; print wall time, peak RSS and time per hook event."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_path)
    spent: dict[str, float] = defaultdict(float)
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            if "cchc" not in getattr(method, "__module__", ""):
                continue

            def timed(*args, _m=method, _e=event, **kwargs):
                start = time.perf_counter()
                try:
                    return _m(*args, **kwargs)
                finally:
                    spent[_e] += time.perf_counter() - start

            methods[i] = timed
    start = time.perf_counter()
    build(config)
    wall = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "rss_mb": rss_mb, "events": dict(spent)}))


def loop_child(config_path: str) -> None:
    """`cchc serve`'s loop in this process: the first build, then a save of one post's body, then of its title."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="cchc-bench-serve-")
    serve_url = "http://127.0.0.1:8000/"

    def rebuild() -> float:  # what `mkdocs serve`'s builder does at each change
        config = load_config(config_path, site_dir=site_dir)
        config.site_url = serve_url
        start = time.perf_counter()
        build(config, serve_url=serve_url, dirty=True)
        return time.perf_counter() - start

    startup = load_config(config_path, site_dir=site_dir)
    startup.plugins.on_startup(command="serve", dirty=True)
    post = sorted(Path(config_path).parent.glob("posts/**/*.md"))[-1]
    text = post.read_text(encoding="utf-8")
    try:
        first = rebuild()
        post.write_text(text + "\nMột đoạn mới cuối bài.\n", encoding="utf-8")
        body = rebuild()
        post.write_text(text.replace('title: "', 'title: "Sửa: ', 1), encoding="utf-8")
        title = rebuild()
    finally:
        post.write_text(text, encoding="utf-8")
        startup.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps({"first": first, "body": body, "title": title}))


def measure(config: dict, root: Path, mode: str = "--child") -> dict:
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO / "hooks")}
    out = subprocess.run(
        [sys.executable, __file__, mode, str(path)], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def interleaved(ours: Path, plain: Path, runs: int) -> tuple[dict, dict, float]:
    """Warm and plain builds alternately; the median run of each, and the median of the pairs' ratios."""
    measure(plain_config(plain), plain)  # so that each plain build, like ours, first cleans an old site/
    pairs = [(measure(cchc_config(ours), ours), measure(plain_config(plain), plain)) for _ in range(runs)]
    ratio = statistics.median(warm["wall"] / floor["wall"] for warm, floor in pairs)
    by_wall = sorted(pairs, key=lambda pair: pair[0]["wall"])
    return by_wall[len(pairs) // 2][0], sorted((p[1] for p in pairs), key=lambda r: r["wall"])[len(pairs) // 2], ratio


def check_time(root: Path) -> float:
    """`cchc check` wall time, when the command exists."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO / "hooks")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cchc", "check"], env=env, cwd=root, capture_output=True)
    elapsed = time.perf_counter() - start
    return elapsed if done.returncode in (0, 1) and b"invalid choice" not in done.stderr else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 2000])
    parser.add_argument("--runs", type=int, default=5, help="warm and plain builds of each N, alternately")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--loop-child", help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.loop_child:
        loop_child(args.loop_child)
        return
    from sitegen import generate

    work = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    rows = []
    try:
        for n in args.sizes:
            ours, plain = work / f"cchc-{n}", work / f"plain-{n}"
            generate(ours, n)
            generate(plain, n, plain=True)
            cold = measure(cchc_config(ours), ours)
            warm, floor, ratio = interleaved(ours, plain, args.runs)
            check = check_time(ours)
            loop = measure(cchc_config(ours), ours, "--loop-child")
            rows.append((n, cold, warm, floor, check, ratio, loop))
            print(
                f"N={n}: ours cold {cold['wall']:.1f}s, warm {warm['wall']:.1f}s, plain {floor['wall']:.1f}s, "
                f"ratio {ratio:.2f}, RSS {warm['rss_mb']:.0f} MB, check {check:.2f}s, "
                f"save→preview body {loop['body']:.2f}s, title {loop['title']:.2f}s",
                file=sys.stderr,
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(rows)


def report(rows) -> None:
    import mkdocs
    from material import __version__ as material_version

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}, Material {material_version}; load average {os.getloadavg()[0]:.1f} at the end\n"
    )
    print(
        "| N | ours, cold (s) | ours, warm (s) | plain pages (s) | ratio warm/plain | peak RSS ours (MB) "
        "| peak RSS plain (MB) | `cchc check` (s) | serve: save body → preview (s) | serve: save title (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, cold, warm, floor, check, ratio, loop in rows:
        print(
            f"| {n} | {cold['wall']:.1f} | {warm['wall']:.1f} | {floor['wall']:.1f} | {ratio:.2f} | "
            f"{warm['rss_mb']:.0f} | {floor['rss_mb']:.0f} | {check:.2f} | {loop['body']:.2f} | {loop['title']:.2f} |"
        )
    events = sorted({e for row in rows for e in row[2]["events"]})
    print("\nTime in our hook events, warm build (s):\n")
    print("| N | " + " | ".join(events) + " |")
    print("| ---: |" + " ---: |" * len(events))
    for n, _cold, warm, *_ in rows:
        print(f"| {n} | " + " | ".join(f"{warm['events'].get(e, 0):.2f}" for e in events) + " |")
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        growth = large[2]["wall"] / small[2]["wall"]
        print(f"\ntime({large[0]}) / time({small[0]}) = {growth:.2f} (size ratio {large[0] / small[0]:.0f})")


if __name__ == "__main__":
    main()
