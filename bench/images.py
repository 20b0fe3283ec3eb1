"""Benchmark of the image pipeline: N phone-sized JPEGs, cold then warm.

    PYTHONPATH=hooks .venv/bin/python bench/images.py -n 20

Writes N posts, each with a 4000×3000 JPEG cover carrying EXIF (GPS, camera,
orientation), into a temporary project, then runs `load_site` (what `on_pre_build`
does: read posts, check and process images) twice, each in a fresh process:
cold (empty cache) and warm (everything cached). Reports wall time, CPU time
(above wall time when both cores work), images encoded/reused, the process's
peak resident memory (getrusage: includes Pillow's pixel buffers) and
tracemalloc's peak (Python objects only).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))


def make_project(root: Path, count: int, size: tuple[int, int]) -> dict:
    """N posts with a phone-like photo each; called in a fresh process."""
    from PIL import Image, ImageFilter

    total = 0
    for i in range(count):
        # Soft shapes plus fine grain: compresses like a photo (flat colour or pure noise would not).
        small = (size[0] // 40, size[1] // 40)
        shapes = Image.merge(
            "RGB", [Image.effect_noise(small, 90 + 10 * c + i).resize(size, Image.Resampling.BICUBIC) for c in range(3)]
        )
        grain = Image.effect_noise(size, 12).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
        photo = Image.blend(shapes, grain, 0.25)
        exif = Image.Exif()
        exif[0x0112] = 6 if i % 2 else 1  # half of them taken with the phone upright
        exif[0x010F], exif[0x0110] = "PhoneMaker", "Model X"
        exif.get_ifd(0x8825).update({1: "N", 2: (12.0, 29.0, 30.5), 3: "E", 4: (109.0, 7.0, 12.25)})
        image = root / "posts" / "anh" / f"anh-{i:03d}.jpg"
        image.parent.mkdir(parents=True, exist_ok=True)
        photo.save(image, "JPEG", quality=92, exif=exif.tobytes())
        total += image.stat().st_size
        (root / "posts" / f"bai-{i:03d}.md").write_text(
            f"---\ntitle: Bài số {i}\ndate: 2026-03-{i % 28 + 1:02d}\ncategories: [the-che]\n"
            f"image: anh/anh-{i:03d}.jpg\n---\n\nNội dung.\n",
            encoding="utf-8",
        )
    return {"bytes": total}


def run_phase(root: Path) -> dict:
    """One `load_site`, as `on_pre_build` runs it; called in a fresh process."""
    from cchc.config.clock import build_now
    from cchc.config.errors import Collector
    from cchc.config.settings import Settings
    from cchc.site import load_site

    tracemalloc.start()
    problems = Collector()
    start, cpu_start = time.perf_counter(), time.process_time()
    site = load_site(root, Settings(site_url="https://ttyt-mau.example.gov.vn/"), build_now(), False, problems)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    _, python_peak = tracemalloc.get_traced_memory()
    problems.raise_errors()
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # above `seconds` when more than one core worked
        "encoded": site.images.encoded,
        "reused": site.images.reused,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tracemalloc_peak_mb": round(python_peak / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=20, help="number of photos (default 20)")
    parser.add_argument("--size", default="4000x3000", help="photo size WxH (default 4000x3000)")
    parser.add_argument("--phase", nargs=2, metavar=("NAME", "ROOT"), help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    if args.phase:
        name, root = args.phase[0], Path(args.phase[1])
        print(json.dumps(make_project(root, args.n, size) if name == "make" else run_phase(root)))
        return 0
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:

        def phase(name: str) -> dict:
            # Each step in its own process: peak RSS (getrusage) is per process and survives exec,
            # so this parent stays small and each figure is that step's own.
            command = [sys.executable, __file__, "-n", str(args.n), "--size", args.size, "--phase", name, tmp]
            env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
            return json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)

        written = phase("make")["bytes"]
        print(f"{args.n} photos {size[0]}x{size[1]}, {written / 2**20:.1f} MB in total, {os.cpu_count()} cores")
        for name in ("cold", "warm"):
            r = phase(name)
            print(
                f"{name}: {r['seconds']:.2f} s (CPU {r['cpu_seconds']:.2f} s), "
                f"encoded {r['encoded']}, reused {r['reused']}, "
                f"peak RSS {r['peak_rss_mb']} MB, tracemalloc peak {r['tracemalloc_peak_mb']} MB"
            )
        outputs = sum(p.stat().st_size for p in (Path(tmp) / ".cache" / "images").rglob("*") if p.is_file())
        print(f"outputs (4 files a photo): {outputs / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
