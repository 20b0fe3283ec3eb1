"""Limits no editor reaches by accident, declared once.

Past them a file is a mistake (a log pasted into a post, a spreadsheet column of
tags) or an attack: a 30 MB post took minutes to build into a 51 MB feed, 5,000
tags made 5,000 pages. Each limit is an error naming the file and the key; the
guide (docs/huong-dan/viet-bai.md) lists them for editors.
"""

from __future__ import annotations

from pathlib import Path

MB = 1024 * 1024

POST_BYTES = 2 * MB  # a long report is ~100 KB of Markdown; photos are files beside it
PLAN_BYTES = 2 * MB  # a year's plan with 100 tasks is ~50 KB
PROCEDURE_BYTES = 1 * MB  # a procedure with its steps and forms listed is ~10 KB
TITLE_CHARS = 300
SUMMARY_CHARS = 2000
TAGS = 30
AUTHORS = 20
POST_TASKS = 50  # plan tasks one post reports on
PLAN_TASKS = 1000  # tasks and subtasks of one plan
ATTACHMENT_UNPACKED_BYTES = 200 * MB  # a Word/Excel file (a zip) unpacked: a zip bomb stops here
# Video and audio beside a post (issue 15), published as they are: the repository and the
# site's disk carry them, and citizens on mobile data download them. A 3-minute 720p phone
# clip is ~40 MB; longer videos belong on the unit's YouTube channel or Fanpage, linked.
VIDEO_BYTES = 50 * MB
AUDIO_BYTES = 20 * MB  # a 20-minute podcast in MP3 at 128 kbit/s
CAPTIONS_BYTES = 1 * MB  # a WebVTT caption file beside a video


class TooLarge(Exception):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(size)
        self.message = (
            f"Tệp quá lớn ({size / MB:.1f} MB; tối đa {limit // MB} MB). "
            "Hãy tách thành nhiều tệp, hoặc đưa bảng, số liệu dài vào tệp đính kèm (PDF, Excel)."
        )


def read_text(path: Path, limit: int) -> str:
    """The file's text (UTF-8, BOM dropped), refused past `limit` bytes before it is read."""
    size = path.stat().st_size
    if size > limit:
        raise TooLarge(size, limit)
    with path.open(encoding="utf-8-sig") as f:
        text = f.read(limit + 1)  # bounded: a file that grew, or is no regular file, still stops here
    if len(text) > limit:
        raise TooLarge(len(text.encode()), limit)
    return text


def too_many(what: str, count: int, limit: int) -> str:
    return f"{what}: {count}, quá giới hạn {limit}; hãy giữ những mục chính."


def too_long(what: str, length: int, limit: int) -> str:
    return f"{what} dài {length} ký tự, quá giới hạn {limit} ký tự; hãy viết ngắn lại."
