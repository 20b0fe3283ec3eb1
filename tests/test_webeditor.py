"""The web editor's glue without a browser: its config comes from our declarations, its backend
writes our format inside the content folders only, answers this machine only, and no build carries it."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import sys

import pytest
import yaml

from cchc.commands import webeditor
from cchc.commands.editorconfig import POST_FIELDS, editor_config
from cchc.commands.webeditor import Backend, BackendError, EditorApp
from cchc.config.errors import Collector
from cchc.config.project import load_project
from cchc.readers.plans import load_plans
from cchc.readers.posts import POST
from conftest import NOW_EPOCH, REPO, png, post, write_project, write_tree

DECAP_PATH = "posts/2026/11/ngay-hoi.md"  # Decap's name: {{year}}/{{month}} of the date read as UTC


@pytest.fixture
def project(tmp_path):
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    write_tree(tmp_path, {"posts/2026/03/cu.md": post("Bài cũ", slug="bai-cu")})
    return load_project(write_project(tmp_path), Collector())


@pytest.fixture
def backend(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
    return Backend(project, "/")


def _fields(project) -> dict[str, dict]:
    config = editor_config(project.settings, load_plans(project.root, project.settings, Collector()))
    collection = config["collections"][0]
    return {f["name"]: f for f in collection["fields"]}


def test_every_field_is_a_declared_key_with_its_vietnamese_label_and_help(project):
    fields = _fields(project)
    assert list(fields) == [*POST_FIELDS, "body"]
    for name in POST_FIELDS:
        assert (fields[name]["label"], fields[name]["required"]) == (POST[name].label, POST[name].required)
        assert fields[name]["hint"].startswith(POST[name].help)
    assert "Asia/Ho_Chi_Minh" in fields["date"]["hint"]


def test_areas_plans_and_tasks_are_choices_read_from_the_project(project):
    fields = _fields(project)
    assert [o["value"] for o in fields["categories"]["options"]] == [a.key for a in project.settings.areas]
    assert [o["value"] for o in fields["plan"]["options"]] == ["2026-tuyen-truyen-cchc"]
    tasks = fields["tasks"]["plans"]["2026-tuyen-truyen-cchc"]
    assert {"stt": "4.1", "title": "Thanh toán viện phí không dùng tiền mặt", "level": 1} in tasks


def test_without_plans_the_form_asks_for_none(tmp_path):
    project = load_project(write_project(tmp_path), Collector())
    assert "plan" not in _fields(project) and "tasks" not in _fields(project)


def _persist(backend, raw: str, path: str = DECAP_PATH, new: bool = True, assets=()):
    params = {
        "dataFiles": [{"slug": "x", "path": path, "raw": raw}],
        "assets": [{"path": a, "content": base64.b64encode(c).decode(), "encoding": "base64"} for a, c in assets],
        "options": {"newEntry": new, "commitMessage": "x", "useWorkflow": False, "status": ""},
    }
    return backend.handle({"action": "persistEntry", "params": params})


def test_a_new_post_is_named_from_its_local_date_and_our_slug(backend, project):
    # 05:00 on 1 December in Vietnam is still 30 November in UTC: Decap names the November folder.
    raw = post("Đón đoàn kiểm tra Đảng ủy", date="2026-12-01 05:00", image="anh.png")
    _persist(backend, raw, assets=[("posts/2026/11/anh.png", png())])
    saved = project.root / "posts/2026/12/don-doan-kiem-tra-dang-uy.md"
    assert saved.read_text(encoding="utf-8") == raw and (saved.parent / "anh.png").is_file()
    assert not (project.root / "posts/2026/11").exists()
    reloaded = backend.handle({"action": "getEntry", "params": {"path": DECAP_PATH}})
    assert reloaded["data"] == raw and reloaded["file"]["path"] == "posts/2026/12/don-doan-kiem-tra-dang-uy.md"
    last = backend.handle({"action": "cchcLastSave", "params": {}})
    assert last == {
        "file": "posts/2026/12/don-doan-kiem-tra-dang-uy.md",
        "url": "/cchc/2026/12/don-doan-kiem-tra-dang-uy/",
        "errors": 0,
        "problems": [],
    }


def test_the_check_after_saving_names_the_problems_of_that_file(backend):
    _persist(backend, post("Tin mới", categories=["khong-co"], tasks=["99"]))
    last = backend.handle({"action": "cchcLastSave", "params": {}})
    assert last["file"] == "posts/2026/03/tin-moi.md" and last["errors"] == 2
    texts = [p["text"] for p in last["problems"]]
    assert any('Lĩnh vực "khong-co" không có trong danh sách' in t for t in texts)
    assert any(t.startswith("dòng") and "`tasks`" in t for t in texts)


def test_a_new_post_never_replaces_a_file_or_takes_a_slug(backend, project):
    with pytest.raises(BackendError, match="Đã có bài posts/2026/03/cu.md"):
        _persist(backend, post("Khác", slug="cu"))
    with pytest.raises(BackendError, match='Bài posts/2026/03/cu.md đã dùng đường dẫn "bai-cu"'):
        _persist(backend, post("Bài cũ", date="2026-04-01 08:00", slug="bai-cu"))
    write_tree(project.root, {"posts/2026/03/anh.png": b"other"})
    with pytest.raises(BackendError, match="Đã có một tệp khác tên anh.png"):
        _persist(backend, post("Ảnh trùng tên"), assets=[("posts/2026/11/anh.png", png())])
    assert (project.root / "posts/2026/03/anh.png").read_bytes() == b"other"


def test_editing_an_existing_post_rewrites_that_file(backend, project):
    raw = post("Bài cũ đã sửa", slug="bai-cu")
    _persist(backend, raw, "posts/2026/03/cu.md", new=False)
    assert (project.root / "posts/2026/03/cu.md").read_text(encoding="utf-8") == raw


@pytest.mark.parametrize(
    "path", ["../mkdocs.yml", "/etc/passwd", "mkdocs.yml", "site/index.html", "plans/x.yaml", "posts/../mkdocs.yml"]
)
def test_nothing_outside_the_posts_folder_is_read_or_written(backend, path):
    with pytest.raises(BackendError, match="chỉ đọc và ghi trong thư mục posts/"):
        backend.handle({"action": "getEntry", "params": {"path": path}})
    with pytest.raises(BackendError):
        _persist(backend, post("X"), path, new=False)


def test_a_link_leading_out_of_the_posts_folder_is_refused(backend, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (project.root / "posts/ra-ngoai").symlink_to(outside)
    with pytest.raises(BackendError, match="dẫn ra ngoài thư mục posts/"):
        _persist(backend, post("X"), "posts/ra-ngoai/x.md", new=False)
    assert list(outside.iterdir()) == []


def test_nothing_is_deleted(backend, project):
    with pytest.raises(BackendError, match="không xóa tệp"):
        backend.handle({"action": "deleteFile", "params": {"path": "posts/2026/03/cu.md"}})
    assert (project.root / "posts/2026/03/cu.md").is_file()


def test_listing_returns_every_post_with_its_text(backend):
    entries = backend.handle(
        {"action": "entriesByFolder", "params": {"folder": "posts", "extension": "md", "depth": 3}}
    )
    assert [e["file"]["path"] for e in entries] == ["posts/2026/03/cu.md"]
    assert entries[0]["data"].startswith("---\ntitle: Bài cũ")


def _call(app, path="/quan-tri/api/v1", method="POST", body=b'{"action": "info"}', **headers):
    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        **headers,
    }
    answer = {}

    def start_response(status, headers):
        answer["status"] = status

    content = b"".join(app(environ, start_response))
    return answer["status"], content


@pytest.fixture
def app(backend):
    return EditorApp(lambda environ, start: [b"preview"], backend, b"collections: []\n")


def test_the_editor_answers_this_machine_only(app):
    assert _call(app)[0] == "200 OK" and json.loads(_call(app)[1])["type"] == "local_fs"
    assert _call(app, REMOTE_ADDR="192.168.1.20")[0].startswith("403")
    assert _call(app, HTTP_HOST="attacker.example:8000")[0].startswith("403")  # a rebound DNS name
    assert _call(app, HTTP_ORIGIN="http://attacker.example")[0].startswith("403")
    assert _call(app, CONTENT_TYPE="text/plain")[0].startswith("400")  # what a cross-site form can send


def test_the_editor_serves_its_page_config_and_bundle_and_leaves_the_rest_to_mkdocs(app):
    status, page = _call(app, "/quan-tri/", "GET")
    assert status == "200 OK" and b'<html lang="vi">' in page and b"decap-cms/decap-cms.js" in page
    assert _call(app, "/quan-tri/config.yml", "GET")[1] == b"collections: []\n"
    assert _call(app, "/quan-tri/decap-cms/decap-cms.js", "GET")[0] == "200 OK"
    assert _call(app, "/quan-tri/../../../../etc/passwd", "GET")[0].startswith("404")
    assert b"".join(app({"PATH_INFO": "/cchc/"}, lambda *a: None)) == b"preview"


class _Server:
    def __init__(self, host: str) -> None:
        self.server_address = (host, 8000)
        self.app = lambda environ, start: [b"preview"]

    def get_app(self):
        return self.app

    def set_app(self, app) -> None:
        self.app = app


def test_a_preview_open_to_the_network_has_no_editor(project, caplog):
    server = _Server("0.0.0.0")
    webeditor.mount(server, project.config_file, "")
    assert not isinstance(server.app, EditorApp)
    assert "chỉ mở khi xem thử trên 127.0.0.1" in caplog.text
    loopback = _Server("127.0.0.1")
    webeditor.mount(loopback, project.config_file, "")
    assert isinstance(loopback.app, EditorApp)
    assert yaml.safe_load(loopback.app.config)["locale"] == "vi"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """`cchc build` and `cchc publish DEST` of a small project."""
    root = tmp_path_factory.mktemp("publish")
    write_tree(root, {"posts/2026/03/a.md": post("Bài A")})
    write_project(root)
    env = {"SOURCE_DATE_EPOCH": str(NOW_EPOCH), "PATH": "/usr/bin:/bin"}
    for command in (["build"], ["publish", str(root.parent / f"{root.name}-dest")]):
        run = subprocess.run(
            [sys.executable, "-m", "cchc", *command], cwd=root, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
    return root / "site", (root.parent / f"{root.name}-dest").resolve()


@pytest.mark.parametrize("which", [0, 1], ids=["site", "DEST"])
def test_no_build_carries_the_editor(published, which):
    folder = published[which]
    assert (folder / "index.html").is_file()
    assert not (folder / "quan-tri").exists()
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"decap" not in path.read_bytes().lower(), path
            assert b"quan-tri" not in path.read_bytes(), path
