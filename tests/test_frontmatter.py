"""Page sources' front matter (JSON, read by MkDocs' YAML parser) gives back editors' titles unchanged."""

import pytest
import yaml
from mkdocs.utils.meta import get_data

from cchc.pages.frontmatter import front_matter
from cchc.site import post_page_source
from conftest import make_post

HOSTILE = [
    'Tiêu đề "trích dẫn" và \\ gạch chéo',
    "---\ntitle: chèn\n---",
    "a: b # không phải chú thích",
    "{{ jinja }} {% raw %} <script>alert(1)</script> &amp;",
    "- danh sách\n  - lồng",
    "tab\tvà\rxuống dòng\r\n",
    "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff C1\x9b DEL\x7f",
    "emoji 😀 và chữ Hán 漢字",
    "yes",
    "null",
    "1e3",
    "2026-03-12",
    "'nháy đơn' ... ?",
    "\u00a0khoảng trắng không ngắt\u00a0",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_round_trips_through_mkdocs_front_matter(title):
    meta = {"title": title, "hide": ["toc", title], "search": {"exclude": True}}
    source = front_matter(meta) + "\nThân bài.\n"
    body, read = get_data(source)  # MkDocs' own reader (libyaml when installed)
    assert read == meta and body == "Thân bài.\n"
    assert yaml.load(front_matter(meta)[4:-4], Loader=yaml.SafeLoader) == meta  # the pure-Python reader too


def test_a_post_page_source_keeps_its_body_after_the_front_matter():
    post = make_post("2026-03-12 08:30", title="---\nx: y", body="Đoạn đầu.\n\n---\n\nĐoạn sau.")
    body, meta = get_data(post_page_source(post, "<p>Tóm tắt &amp; mô tả</p>"))
    assert meta["title"] == "---\nx: y" and meta["description"] == "Tóm tắt & mô tả"
    assert body == post.body
