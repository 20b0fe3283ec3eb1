import io

from cchc.text.progressbar import Progress, track
from conftest import post, run_build, write_tree


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_is_drawn_on_a_terminal_and_ends_its_line():
    out = Terminal()
    assert list(track(["a", "b", "c"], "Xử lý ảnh", stream=out)) == ["a", "b", "c"]
    text = out.getvalue()
    assert text.startswith("\rXử lý ảnh [")
    assert text.endswith("3/3 (100%)\n")
    assert text.count("3/3") == 1  # the last state is drawn once


def test_nothing_is_written_to_a_file_or_pipe():
    out = io.StringIO()
    bar = Progress(10, "Xử lý ảnh", stream=out)
    for _ in range(10):
        bar.advance()
    bar.close()
    assert out.getvalue() == ""


def test_build_shows_pages_rendered_on_a_terminal(tmp_path, now_epoch, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    write_tree(tmp_path, {"posts/a.md": post("Bài một")})
    run_build(tmp_path)
    last = terminal.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("Tạo các trang [" + "#" * 30 + "]")
    done, total = last.split("] ")[1].split(" ")[0].split("/")
    assert done == total and int(total) > 5


def test_image_processing_shows_a_bar_on_a_terminal(tmp_path, monkeypatch):
    import io

    from cchc.config.errors import Collector
    from cchc.config.settings import Settings
    from cchc.model.collection import load_posts
    from cchc.outputs.images import process_images
    from cchc.readers.assets import collect_assets
    from cchc.text import progressbar
    from conftest import png, post, write_tree

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(progressbar.sys, "stderr", screen)
    write_tree(tmp_path, {"posts/a.md": post("Ảnh", image="anh/a.png"), "posts/anh/a.png": png()})
    problems = Collector()
    settings = Settings()
    assets = [a for p in load_posts(tmp_path, settings, problems) for a in collect_assets(p, tmp_path, problems)]
    process_images(assets, settings.images, tmp_path / "cache", problems)
    assert "Xử lý ảnh [" in screen.getvalue() and "1/1 (100%)" in screen.getvalue()
