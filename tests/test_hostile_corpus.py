"""Issue 11 "Done when": one project with hostile text in every field editors write; no output
carries script we did not write. Every check parses the output (HTML, XML, iCalendar, JSON).

The same project built with ordinary text gives the scripts and elements our templates and
the theme write; the hostile build may hold nothing more.
"""

import html
import json
import re
from xml.etree import ElementTree

import icalendar
import pytest
import yaml

from cchc.commands import portal_package
from conftest import build_at_now, png, post, write_project, write_tree
from htmlparse import parse

# Each payload tries another way out: of an attribute, of text, of an entity, of a URL.
HOSTILE = (
    "\"><script>alert('a')</script> \" onerror=\"alert('b') <img src=x onerror=alert('c')> "
    "&lt;script&gt;alert('d')&lt;/script&gt; javascript:alert('e') </title><svg onload=alert('f')>"
)
# In bodies an `<img>` must name a file beside the post, or the build refuses the post.
HOSTILE_BODY = f"""Mở đầu {HOSTILE.replace("src=x", 'src="anh/bia.png"')}

<script>alert("g")</script><style>body {{ display: none }}</style>
<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name="p"></form><base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">

<img src="anh/bia.png" alt="{html.escape(HOSTILE)}" onerror="alert('h')">

[liên kết](javascript:alert('i')) <a href="JaVaScRiPt:alert('j')">hoa</a> <a href=" jav&#x09;ascript:alert('k')">tab</a>
<a href="data:text/html,<script>alert('l')</script>">data</a>

Đoạn có thuộc tính {{: onclick="alert('m')" }}

<div markdown onmouseover="alert('n')">**đậm** trong div</div>

<p onclick="steal()" style="position:fixed">Đoạn cuối.</p>

&lt;img src=z onerror=alert('p')&gt;

| Cột | Cột 2 |
| :-- | --: |
| <b onmouseover="alert('q')">ô</b> | [x](javascript:alert('r')) |
"""
CLEAN_BODY = """Mở đầu bình thường.

![Ảnh minh họa](anh/bia.png)

[liên kết](https://example.org/) và **đậm** trong đoạn.

| Cột | Cột 2 |
| :-- | --: |
| ô | ô 2 |
"""
SITE_URL = "https://ttyt-mau.example.gov.vn/"
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "base", "form", "input", "textarea", "applet"}
PORTAL_MONTH = "2026-10"


def corpus(text: str, body: str) -> dict[str, str | bytes]:
    """The project: `text` in every field, `body` in every Markdown body."""
    plan = {
        "title": f"Kế hoạch {text}",
        "year": 2026,
        "number": f"45/{text}",
        "issued": "2026-02-05",
        "parent": text,
        "issuer": text,
        "place": text,
        "signer": {"name": text, "title": text},
        "bases": [text],
        "sections": [{"heading": text, "body": body}],
        "recipients": [text],
        "appendix_title": text,
        "tasks": [
            {
                "stt": "01",
                "title": text,
                "outputs": [text],
                "forms": [text],
                "timeline": text,
                "schedule": {"due": "2026-11-28"},
                "lead": text,
                "support": [text],
                "budget": text,
                "expects": {"posts": 1},
            }
        ],
        "reports": [{"name": text, "due": "2026-12-10"}],
    }
    fields = dict(
        summary=text,
        tags=[text, "VNeID"],
        authors=[text],
        department=text,
        slug=text,
        image="anh/bia.png",
        image_alt=text,
        portal=True,
        plan="kh",
        tasks=["01"],
    )
    return {
        "posts/2026/10/anh/bia.png": png(),
        "posts/2026/10/bai.md": post(f"Tiêu đề {text}", "2026-10-05 08:00", body, **fields),
        "posts/2026/10/bai-hai.md": post("Bài thứ hai", "2026-11-03 08:00", body, summary=text, portal=True),
        "plans/kh.yaml": yaml.safe_dump(plan, allow_unicode=True, sort_keys=False),
        "docs/index.md": post(f"Trang chủ {text}", "2026-01-01", body, description=text, author=text),
        "docs/tieu-de.md": f"# Giới thiệu {text}\n\n{body}",
        # A procedure (FORMATS.md §4): `online` must be a web address, so the payload rides in its query.
        "procedures/thu-tuc.yaml": yaml.safe_dump(
            {
                **{key: text for key in ("name", "code", "field", "duration", "fee", "where")},
                "level": "toàn trình",
                "online": "https://dichvucong.gov.vn/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&x=1",
                "bases": [text],
                "steps": body,
            },
            allow_unicode=True,
        ),
    }


def settings(text: str) -> dict:
    keys = ("parent", "address", "phone", "hotline", "responsible")  # `email`, `feedback`: validated
    contact = {key: f"{key} {text}" for key in keys}
    areas = [{"key": "the-che", "label": f"Lĩnh vực {text}"}]
    links = [{"label": f"Cổng {text}", "url": "https://dichvucong.gov.vn/?a=%3Csvg%3E&b=1"}]
    extra = {"cchc": {"unit": f"Đơn vị {text}", "areas": areas, "contact": contact, "links": links}}
    nav = [{f"Trang chủ {text}": "index.md"}, {"Cải cách hành chính": "cchc/index.md"}, {text: "gioi-thieu.md"}]
    return dict(site_name=f"Trang {text}", site_description=text, copyright=f"© {text}", extra=extra, nav=nav)


def build(root, text, body):
    write_tree(root, corpus(text, body))
    return build_at_now(root, **settings(text))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return build(tmp_path_factory.mktemp("clean"), "chữ thường", CLEAN_BODY)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile"), HOSTILE, HOSTILE_BODY)


def pages(site):
    return {p.relative_to(site).as_posix(): parse(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def _same_wherever(script: str) -> str:
    """A script as written on every page: the relative prefix to the site's root (`../../`) removed."""
    return re.sub(r'"base":\s*"[./]*"|(?:\.\./)+|\./', "", script)


def _links(doc) -> set[str]:
    """`<link>` targets, the site's own pages (canonical) left out: their slugs differ by build."""
    hrefs = (e.attrs.get("href", "") for e in doc.find("link"))
    return {_same_wherever(href) for href in hrefs if not href.startswith(SITE_URL)}


def _signature(element) -> str:
    # A post's share field holds its own address (slugs differ by build): the site's, either way.
    attrs = {k: SITE_URL if v and v.startswith(SITE_URL) else v for k, v in element.attrs.items()}
    return _same_wherever(f"{element.tag} {sorted(attrs.items())}")


def ours(site) -> tuple[set[str], set[str], set[str]]:
    """The scripts, `<link>` targets and forms (the theme's search box) of a build."""
    scripts, links, forms = set(), set(), set()
    for doc in pages(site).values():
        scripts |= {_same_wherever(s) for s in doc.scripts()}
        links |= _links(doc)
        forms |= {_signature(e) for e in doc.elements if e.tag in FORBIDDEN_TAGS}
    return scripts, links, forms


def assert_inert(doc, where, scripts=frozenset(), links=frozenset(), forms=frozenset()):
    assert {_same_wherever(s) for s in doc.scripts()} <= scripts, where
    assert doc.event_handlers() == [], where
    assert doc.script_urls() == [], where
    assert {_signature(e) for e in doc.elements if e.tag in FORBIDDEN_TAGS} <= forms, where
    assert [e.attrs for e in doc.find("meta") if "http-equiv" in e.attrs] == [], where
    assert _links(doc) <= links, where
    styles = [e.attrs.get("style", "") for e in doc.elements if "style" in e.attrs]
    assert not [s for s in styles if "position" in s or "display" in s], where


def test_every_page_of_the_hostile_build_carries_only_our_scripts(clean, hostile):
    scripts, links, forms = ours(clean)
    built = pages(hostile)
    assert len(built) >= 20  # posts, lists, tags, areas, calendars, plans, hand-written pages
    for where, doc in built.items():
        assert_inert(doc, where, scripts, links, forms)


def test_hostile_text_is_shown_as_text(hostile):
    doc = pages(hostile)
    post_page = next(d for name, d in doc.items() if name.startswith("cchc/2026/10/") and name.count("/") == 4)
    assert post_page.title.startswith(f"Tiêu đề {HOSTILE}")
    assert "onerror=" in post_page.meta("description")  # text inside the attribute, not an attribute
    procedure = doc["thu-tuc/thu-tuc/index.html"]
    assert procedure.title.startswith(HOSTILE.strip()) and f"{HOSTILE} " in procedure.text.replace("\n", " ")
    assert f"Cổng {HOSTILE}" in doc["lien-he/index.html"].text


def fragment_tags(text: str | None) -> list[tuple[str, dict]]:
    """Feed and index fragments read as HTML, the way a feed reader or the search box shows them."""
    return [(e.tag, e.attrs) for e in parse(text).elements]


def assert_fragment_inert(text, where):
    for tag, attrs in fragment_tags(text):
        assert tag not in FORBIDDEN_TAGS | {"script", "style", "svg", "meta", "link"}, where
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (where, tag, attrs)
        for name in ("href", "src"):
            value = "".join((attrs.get(name) or "").split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, tag, attrs)


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_feeds_parse_and_carry_no_payload(hostile, name):
    root = ElementTree.fromstring((hostile / "cchc" / name).read_bytes())
    items = list(root.iter("item"))
    assert items
    for item in items:
        assert fragment_tags(item.findtext("description")) == []  # plain text, escaped as HTML
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert "<" in content  # HTML, sanitised
        assert_fragment_inert(content, item.findtext("title"))


def test_calendar_file_parses_and_links_only_to_the_site(hostile):
    calendar = icalendar.Calendar.from_ical((hostile / "cchc" / "lich.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert str(event.get("URL", "https://")).startswith(SITE_URL)
        assert "X-ALT-DESC" not in event  # no HTML description for clients to render
        assert HOSTILE in str(event["SUMMARY"]) or "Hạn" in str(event["SUMMARY"])


def test_search_index_and_sitemap_parse_and_carry_no_payload(hostile):
    index = json.loads((hostile / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert_fragment_inert(doc[field], doc["location"])
    sitemap = ElementTree.fromstring((hostile / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for loc in sitemap.iter(f"{ns}loc"):
        assert loc.text.startswith(SITE_URL), loc.text


def test_portal_package_pages_carry_no_script(tmp_path, hostile, now_epoch, capsys):
    write_tree(tmp_path, corpus(HOSTILE, HOSTILE_BODY))
    config = write_project(tmp_path, **settings(HOSTILE))
    (tmp_path / "goi").mkdir()  # the command writes into the current folder, which exists
    assert portal_package.run(PORTAL_MONTH, str(config), tmp_path / "goi") == 0
    articles = sorted((tmp_path / "goi").rglob("*.html"))
    assert articles
    for article in articles:
        doc = parse(article.read_text(encoding="utf-8"))
        assert_inert(doc, article.name)
        assert doc.find("script") == []
