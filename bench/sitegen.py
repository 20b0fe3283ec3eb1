"""A synthetic unit website of N realistic Vietnamese posts, for benchmarks.

Posts have headings, lists and tables; 20% have a cover photo; dates spread over
three years; some are marked for the portal; one plan of 30 tasks is linked by posts.
Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from cchc.config.settings import DEFAULT_AREAS

AREAS = [area.key for area in DEFAULT_AREAS]
DEPARTMENTS = [
    "Phòng Tổ chức - Hành chính",
    "Phòng Kế hoạch - Nghiệp vụ",
    "Phòng Tài chính - Kế toán",
    "Khoa Khám bệnh",
    "Khoa Kiểm soát dịch bệnh",
]
PEOPLE = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Quốc Bảo", "Phạm Minh Tuấn", "Võ Thị Thu Hà"]
TAGS = ["một cửa", "VNeID", "chuyển đổi số", "dịch vụ công trực tuyến", "hội nghị", "tập huấn", "khảo sát"]
WORDS = (
    "cải cách hành chính thủ tục hồ sơ trực tuyến người dân bệnh viện khám chữa bệnh bảo hiểm y tế "
    "chuyển đổi số viên chức kỷ luật kỷ cương công khai minh bạch tiếp nhận giải quyết đúng hạn "
    "định danh điện tử thanh toán không dùng tiền mặt quy trình nội bộ đánh giá hài lòng"
).split()
START = datetime(2024, 1, 1, 8, 0)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 22))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


def _body(rng: random.Random, i: int) -> str:
    rows = "\n".join(
        f"| Quý {q} | {rng.randint(100, 900)} | {rng.randint(90, 100)},{rng.randint(0, 9)}% |" for q in range(1, 5)
    )
    return (
        f"{_paragraph(rng)}\n\n<!-- more -->\n\n## Kết quả thực hiện {i}\n\n{_paragraph(rng)}\n\n"
        f"- {_sentence(rng)}\n- {_sentence(rng)}\n- {_sentence(rng)}\n\n"
        f"| Kỳ | Hồ sơ tiếp nhận | Đúng hạn |\n| --- | ---: | ---: |\n{rows}\n\n"
        f"## Đẩy mạnh triển khai\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n"
    )


def _photo(path: Path, seed: int) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.effect_noise((1200, 900), 40 + seed % 50).convert("RGB")
    img.save(path, "JPEG", quality=85)


def _plan(year: int) -> str:
    tasks = []
    for n in range(1, 31):
        tasks.append(
            f'  - stt: "{n:02d}"\n    title: Nhiệm vụ tuyên truyền số {n}\n'
            f"    outputs: [Tin, bài trên Trang thông tin điện tử]\n    forms: [Trang thông tin điện tử]\n"
            f"    timeline: Hằng tháng\n    schedule: {{every: month, day: 25}}\n"
            f"    lead: {DEPARTMENTS[n % len(DEPARTMENTS)]}\n    expects: {{posts: 1, per: quarter}}\n"
        )
    return (
        f"title: Kế hoạch tuyên truyền cải cách hành chính năm {year}\nyear: {year}\n"
        f"issuer: Trung tâm Y tế Mẫu\nnumber: 01/KH-TTYT\nissued: {year}-01-15\n"
        "reports:\n"
        f"  - {{name: Quý I, due: {year}-03-10}}\n  - {{name: 6 tháng, due: {year}-06-10}}\n"
        f"  - {{name: Quý III, due: {year}-09-10}}\n  - {{name: Năm, due: {year}-11-25}}\n"
        "tasks:\n" + "".join(tasks)
    )


def generate(root: Path, n: int, *, plain: bool = False, with_plan: bool = True) -> None:
    """Write N posts under root/posts (or, `plain`, as docs pages under root/docs/posts)."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(n)
    span = 3 * 365 * 24 * 3600
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (root / "plans").mkdir()
    last = START + timedelta(seconds=span)
    plan_year = last.year
    if with_plan and not plain:
        (root / "plans" / f"{plan_year}-tuyen-truyen-cchc.yaml").write_text(_plan(plan_year), encoding="utf-8")
    portal_count: dict[str, int] = {}
    for i in range(n):
        when = START + timedelta(seconds=span * i // max(n, 1))
        title = f"Tin cải cách hành chính số {i}: {' '.join(rng.choices(WORDS, k=6))}"
        body = _body(rng, i)
        folder = f"{when:%Y/%m}"
        if plain:
            path = docs / "posts" / folder / f"bai-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
            if i % 5 == 0:
                _photo(path.parent / "anh" / f"bai-{i}.jpg", i)
                with path.open("a", encoding="utf-8") as f:
                    f.write(f"\n![Ảnh minh họa bài {i}](anh/bai-{i}.jpg)\n")
            continue
        meta = [
            f'title: "{title}"',
            f"date: {when:%Y-%m-%d %H:%M}",
            f"authors: [{rng.choice(PEOPLE)}]",
            f"department: {rng.choice(DEPARTMENTS)}",
            f"categories: [{rng.choice(AREAS)}]",
            f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
            f"slug: bai-{i}",
        ]
        # Two portal articles a month, before the 20th: what a diligent unit sends.
        if when.day < 20 and portal_count.get(folder, 0) < 2:
            portal_count[folder] = portal_count.get(folder, 0) + 1
            meta.append("portal: true")
        if with_plan and when.year == plan_year and i % 3 == 0:
            meta += [f"plan: {plan_year}-tuyen-truyen-cchc", f'tasks: ["{(i % 30) + 1:02d}"]']
        if i % 5 == 0:
            _photo(root / "posts" / folder / "anh" / f"bai-{i}.jpg", i)
            meta.append(f"image: anh/bai-{i}.jpg")
        path = root / "posts" / folder / f"bai-{i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + "\n".join(meta) + "\n---\n\n" + body, encoding="utf-8")
