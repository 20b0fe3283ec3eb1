"""`cchc init`: turn the demo site into the unit's own, in one command.

It names the unit in mkdocs.yml, editing the file line by line so that the rest
of it and its comments stay as they are, and removes the demo content we ship:
only files whose bytes are still those listed in `demo.sha256`, so a post, a
plan or a page an editor wrote or changed is never deleted. The site left
behind builds and passes `cchc check` with no post and no plan.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..config.project import ProjectError, read_config
from ..text.vntext import nfc

DEMO_UNIT = "Trung tâm Y tế Mẫu"
# Pages of docs/ the demo words for its fictional unit, replaced by starter pages.
STARTER_PAGES = ("docs/index.md", "docs/gioi-thieu.md")


class InitError(Exception):
    """The site cannot be set up as asked; the message says what to do."""


@dataclass(frozen=True)
class Unit:
    """What `cchc init` asks: the unit's name and where to reach it."""

    name: str
    url: str
    parent: str = ""  # cơ quan chủ quản
    address: str = ""
    province: str = ""
    phone: str = ""
    email: str = ""


# Questions asked on a terminal, in this order, for the values not given as options.
QUESTIONS = {
    "name": "Tên đơn vị (ví dụ: Trung tâm Y tế khu vực Ninh Hòa)",
    "parent": "Cơ quan chủ quản (ví dụ: Sở Y tế tỉnh Khánh Hòa; bỏ trống nếu không có)",
    "address": "Địa chỉ",
    "province": "Tỉnh, thành phố",
    "url": "Địa chỉ trang web (ví dụ: https://ttytninhhoa.khanhhoa.gov.vn/)",
    "phone": "Điện thoại (bỏ trống nếu chưa có)",
    "email": "Thư điện tử (bỏ trống nếu chưa có)",
}


def main(config_file: Path, given: dict[str, str | None], force: bool, ask: Callable[[str], str] | None) -> int:
    """`cchc init`: `ask` prompts for what `given` lacks (None when not on a terminal)."""
    try:
        unit = read_unit(given, ask)
        report = initialise(config_file.absolute(), unit, force)
    except (InitError, ProjectError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


def read_unit(given: dict[str, str | None], ask: Callable[[str], str] | None) -> Unit:
    values = {}
    for name, question in QUESTIONS.items():
        value = given.get(name)
        if value is None and ask is not None:
            value = ask(f"{question}: ")
        values[name] = " ".join(nfc(value or "").split())
    missing = [f"--{'unit' if k == 'name' else k}" for k in ("name", "url") if not values[k]]
    if missing:
        raise InitError(
            f'Thiếu {" và ".join(missing)}. Ví dụ: cchc init --unit "Trung tâm Y tế khu vực Ninh Hòa" '
            '--url https://ttytninhhoa.khanhhoa.gov.vn/ --parent "Sở Y tế tỉnh Khánh Hòa" '
            '--address "…" --province "Khánh Hòa"'
        )
    parts = urlsplit(values["url"])
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in values["url"] for c in "<>\"' "):
        raise InitError(f'Địa chỉ trang web "{values["url"]}" không hợp lệ; hãy viết như https://ten-don-vi.gov.vn/')
    values["url"] = values["url"].rstrip("/") + "/"
    if values["email"] and not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", values["email"]):
        raise InitError(f'Thư điện tử "{values["email"]}" không hợp lệ; hãy viết như ten@don-vi.gov.vn')
    return Unit(**values)


def initialise(config_file: Path, unit: Unit, force: bool) -> list[str]:
    """Name the unit, remove the demo content; the lines to print."""
    config = read_config(config_file)
    current = ((config.get("extra") or {}).get("cchc") or {}).get("unit") or config.get("site_name")
    if current != DEMO_UNIT and not force:
        raise InitError(
            f"Trang này đã mang tên đơn vị {current} (trong {config_file.name}), không còn là trang mẫu. "
            "Chạy lại với --force để ghi lại thông tin đơn vị; bài viết, kế hoạch và trang của đơn vị "
            "không bị xóa."
        )
    root = config_file.parent
    text = config_file.read_text(encoding="utf-8-sig")
    config_file.write_text(rewrite_config(text, unit), encoding="utf-8")
    report = [f"Đã ghi thông tin {unit.name} vào {config_file.name} (site_name, site_url, extra.cchc…)."]
    removed, kept = remove_demo(root)
    if removed:
        report.append(f"Đã xóa {removed} tệp nội dung mẫu (bài viết, ảnh, kế hoạch, văn bản, thủ tục của đơn vị mẫu).")
    for source in STARTER_PAGES:
        path = root / source
        if source in kept or not path.exists():
            continue
        path.write_text(_front_matter(path.read_text(encoding="utf-8")) + starter_page(source, unit), encoding="utf-8")
        report.append(f"Đã thay {source} bằng trang mở đầu của {unit.name}: hãy viết tiếp nội dung.")
    for source in sorted(kept):
        report.append(f"Giữ lại {source}: tệp đã được sửa so với bản mẫu.")
    report.append('Tiếp theo: viết bài đầu tiên bằng cchc new "Tiêu đề", rồi chạy cchc check.')
    return report


def demo_files() -> dict[str, str]:
    """The demo content we ship: path -> SHA-256 of its bytes (`sha256sum` format)."""
    listing = resources.files("cchc").joinpath("demo.sha256").read_text(encoding="utf-8")
    return {path: digest for digest, path in (line.split(None, 1) for line in listing.splitlines() if line.strip())}


def remove_demo(root: Path) -> tuple[int, set[str]]:
    """Delete the demo files still as shipped (not the starter pages); (how many, paths kept as changed)."""
    removed, kept, folders = 0, set[str](), set[Path]()
    for source, digest in demo_files().items():
        path = root / source
        if not path.is_file() or path.is_symlink():
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            kept.add(source)
        elif source not in STARTER_PAGES:
            path.unlink()
            removed += 1
            folders.update(p for p in path.parents if root in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # only folders our deletions emptied; a folder holding anything stays
    return removed, kept


def rewrite_config(text: str, unit: Unit) -> str:
    """mkdocs.yml with the unit's values, every other line (comments too) as it was."""
    description = f"Trang thông tin điện tử của {unit.name}" + (f", {unit.province}" if unit.province else "") + "."
    lines = text.splitlines()
    values = {
        ("site_name",): unit.name,
        ("site_description",): description,
        ("site_url",): unit.url,
        ("copyright",): f"Bản quyền © {unit.name}.",
        ("extra", "cchc", "unit"): unit.name,
    }
    contact = {"parent": unit.parent, "address": _address(unit), "phone": unit.phone, "email": unit.email}
    for key, value in values.items():
        _set(lines, key, value)
    # The demo's contact block (if the site has one): the unit's values, the demo's others commented out.
    for index, path in list(_keys(lines)):
        if path[:3] == ("extra", "cchc", "contact") and len(path) == 4:
            value = contact.get(path[3], "")
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            lines[index] = f"{indent}{path[3]}: {_yaml(value)}" if value else f"{indent}# {lines[index].lstrip()}"
    # The demo's links name its fictional province: commented out, the national portal (the default) stays.
    _comment_out(lines, ("extra", "cchc", "links"))
    return "\n".join(lines) + "\n"


def _comment_out(lines: list[str], path: tuple[str, ...]) -> None:
    """Comment out the key at `path` and every line of its value (the lines indented under it)."""
    for index, found in list(_keys(lines)):
        if found != path:
            continue
        depth = len(lines[index]) - len(lines[index].lstrip())
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth):
            end += 1
        for at in range(index, end):
            if lines[at].strip() and not lines[at].lstrip().startswith("#"):
                lines[at] = f"{' ' * depth}# {lines[at][depth:]}"


def _address(unit: Unit) -> str:
    if unit.province and unit.province.casefold() not in unit.address.casefold():
        return ", ".join(part for part in (unit.address, unit.province) if part)
    return unit.address


_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?P<rest>\s.*)?$")


def _keys(lines: list[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(line index, key path) of each `key:` line of a block-style YAML file."""
    stack: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        found = _KEY.match(line)
        if not found:
            continue
        indent = len(found["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, found["key"]))
        yield index, tuple(key for _, key in stack)


def _set(lines: list[str], path: tuple[str, ...], value: str) -> None:
    """Set `path` to `value` on its line, keeping a trailing comment; add it when absent."""
    for index, found in _keys(lines):
        if found == path:
            match = _KEY.match(lines[index])
            assert match, "_keys yields only `key:` lines"
            rest = (match["rest"] or "").strip()
            comment = re.search(r"\s+#.*$", rest) if not rest.startswith(("'", '"')) else None
            lines[index] = f"{match['indent']}{path[-1]}: {_yaml(value)}{comment.group(0) if comment else ''}"
            return
    parent = path[:-1]
    if not parent:
        lines.insert(0, f"{path[0]}: {_yaml(value)}")
        return
    for index, found in _keys(lines):
        if found == parent:
            indent = " " * (len(lines[index]) - len(lines[index].lstrip()) + 2)
            lines.insert(index + 1, f"{indent}{path[-1]}: {_yaml(value)}")
            return
    lines.extend(f"{'  ' * depth}{key}:" for depth, key in enumerate(parent))
    lines.append(f"{'  ' * len(parent)}{path[-1]}: {_yaml(value)}")


def _yaml(value: str) -> str:
    """A double-quoted YAML scalar: JSON's string syntax is YAML's, whatever the text holds."""
    return json.dumps(value, ensure_ascii=False)


def _md(text: str) -> str:
    """Text for a Markdown page: no HTML, no emphasis or link syntax from what was typed."""
    return re.sub(r"([\\`*_\[\]#|!])", r"\\\1", html.escape(text, quote=False))


def _front_matter(text: str) -> str:
    """The page's own `---` block (its template, what it hides): the starter page keeps it."""
    found = re.match(r"---[ \t]*\n.*?^---[ \t]*\n", text, re.S | re.M)
    return found.group(0) + "\n" if found else ""


def starter_page(source: str, unit: Unit) -> str:
    """A neutral first version of the home or the about page, naming the unit."""
    name = _md(unit.name)
    parent = f", trực thuộc {_md(unit.parent)}" if unit.parent else ""
    if source == "docs/index.md":
        return (
            f"# {name}\n\nTrang thông tin điện tử của **{name}**{parent}.\n\n"
            "- [Chuyên mục Cải cách hành chính](cchc/index.md): tin, bài về cải cách hành chính của đơn vị.\n"
            "- [Thủ tục hành chính](thu-tuc/index.md) của đơn vị, nộp hồ sơ trực tuyến.\n"
            "- [Giới thiệu](gioi-thieu.md)\n"
            "- [Liên hệ](lien-he/index.md): địa chỉ, đường dây nóng, góp ý, phản ánh.\n"
        )
    contact = [
        ("Địa chỉ", _address(unit)),
        ("Điện thoại", unit.phone),
        ("Thư điện tử", unit.email),
    ]
    lines = [f"- {label}: {_md(value)}" for label, value in contact if value]
    return (
        f"# Giới thiệu\n\n**{name}**{parent}.\n\n"
        + ("\n".join(lines) + "\n\n" if lines else "")
        + "<!-- Viết tiếp ở đây: chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo đơn vị. -->\n"
    )
