"""Search in a real browser: Vietnamese typed with or without diacritics."""

from browser import browser_page, needs_chromium, serve

from conftest import post

pytestmark = needs_chromium

POSTS = {
    "posts/a.md": post(
        "Rút ngắn thời gian giải quyết thủ tục hành chính",
        "2026-03-12",
        "Bộ phận một cửa đã cải cách thủ tục tiếp nhận hồ sơ.",
    ),
    "posts/b.md": post("Tập huấn kỹ năng giao tiếp", "2026-03-13", "Nội dung về văn hóa ứng xử."),
}


def search(page, base: str, query: str) -> list[str]:
    page.goto(base)
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__meta")
    page.wait_for_timeout(500)
    return page.locator(".md-search-result__item").all_inner_texts()


def test_search_with_and_without_marks(site):
    built = site(POSTS)
    with serve(built) as base, browser_page() as page:
        for query in ("cải cách thủ tục", "cai cach thu tuc", "giai quyet"):
            results = search(page, base, query)
            assert any("Rút ngắn thời gian giải quyết thủ tục hành chính" in r for r in results), (query, results)
            assert not any("Tập huấn" in r for r in results), (query, results)
        # Results show the text as written, never a folded copy of it.
        assert not any("Bo phan mot cua" in r for r in results)
