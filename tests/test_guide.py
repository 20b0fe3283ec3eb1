"""The editors' guide says what editors need to know, in the words of the commands it shows."""

import re

import pytest

from cchc.commands import cli
from conftest import REPO

GUIDE = REPO / "docs" / "huong-dan"


def test_the_guide_warns_that_original_photos_keep_their_position_in_git():
    text = (GUIDE / "anh.md").read_text(encoding="utf-8")
    section = text[text.index("## Ảnh gốc vẫn còn vị trí GPS") :].split("\n## ", 1)[0]
    assert "lịch sử" in section and "`.gitignore`" in section  # why ignoring the file is no answer
    assert "exiftool" in section and "Remove Properties" in section and "filter-repo" in section


def test_the_first_page_starts_a_unit_with_cchc_init():
    text = (GUIDE / "bat-dau.md").read_text(encoding="utf-8")
    assert "cchc init --unit" in text and "Đã xóa 40 tệp nội dung mẫu" in text


def test_every_command_the_guide_shows_exists(capsys):
    shown = set()
    for page in GUIDE.glob("*.md"):
        shown |= set(re.findall(r"(?:^|[\s`$])cchc ([a-z]+)\b", page.read_text(encoding="utf-8")))
    shown.discard("buid")  # the guide's example of a mistyped command
    for command in sorted(shown):
        with pytest.raises(SystemExit) as done:
            cli.main([command, "-h"])
        assert done.value.code == 0, command
    assert "init" in shown
