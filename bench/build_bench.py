"""Build cost at N posts, against the floor: the same Markdown as plain MkDocs pages.

    .venv/bin/python bench/build_bench.py --sizes 250 1000 2000

For each N it generates a synthetic site (bench/sitegen.py), builds it with our
hooks twice (cold image cache, then warm) and once as plain pages (no hooks, not
in the nav), each in a fresh process, and prints wall time, peak RSS and the time
spent in each of our hook events. Not part of the test suite's timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
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


def measure(config: dict, root: Path) -> dict:
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO / "hooks")}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()
    if args.child:
        child(args.child)
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
            warm = measure(cchc_config(ours), ours)
            floor = measure(plain_config(plain), plain)
            check = check_time(ours)
            rows.append((n, cold, warm, floor, check))
            print(
                f"N={n}: ours cold {cold['wall']:.1f}s, warm {warm['wall']:.1f}s, plain {floor['wall']:.1f}s, "
                f"ratio {warm['wall'] / floor['wall']:.2f}, RSS {warm['rss_mb']:.0f} MB, check {check:.2f}s",
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
        f"MkDocs {mkdocs.__version__}, Material {material_version}\n"
    )
    print(
        "| N | ours, cold (s) | ours, warm (s) | plain pages (s) | ratio warm/plain | peak RSS ours (MB) "
        "| peak RSS plain (MB) | `cchc check` (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, cold, warm, floor, check in rows:
        print(
            f"| {n} | {cold['wall']:.1f} | {warm['wall']:.1f} | {floor['wall']:.1f} | "
            f"{warm['wall'] / floor['wall']:.2f} | {warm['rss_mb']:.0f} | {floor['rss_mb']:.0f} | {check:.2f} |"
        )
    events = sorted({e for row in rows for e in row[2]["events"]})
    print("\nTime in our hook events, warm build (s):\n")
    print("| N | " + " | ".join(events) + " |")
    print("| ---: |" + " ---: |" * len(events))
    for n, _cold, warm, _floor, _check in rows:
        print(f"| {n} | " + " | ".join(f"{warm['events'].get(e, 0):.2f}" for e in events) + " |")
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        growth = large[2]["wall"] / small[2]["wall"]
        print(f"\ntime({large[0]}) / time({small[0]}) = {growth:.2f} (size ratio {large[0] / small[0]:.0f})")


if __name__ == "__main__":
    main()
