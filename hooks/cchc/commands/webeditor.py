"""`cchc serve`'s web editor at /quan-tri/: Decap CMS, its configuration, and the local backend it saves through.

Decap CMS (vendored in `cchc/editor/`, so the editor's machine needs no Node) speaks
the small JSON protocol of its `decap-server` to a "proxy" backend; this module
speaks it from the preview's own process, wrapped around MkDocs' WSGI application
(`WSGIServer.set_app`). It answers only on loopback, reads and writes only inside the
content folders, names a new post `posts/YYYY/MM/<slug>.md` from its own date (the
unit's time zone) and slug (`text/vntext.py`), never overwrites or deletes a file it
was not asked to edit, and runs `cchc check` on every saved post: the glue script
shows its problems in a banner.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from ..config import limits
from ..config.clock import build_now
from ..config.errors import Collector, Level, describe
from ..config.project import Project, load_project
from ..config.yamlsource import YamlSyntaxError, parse
from ..model.collection import load_posts
from ..readers.plans import load_plans
from ..readers.posts import read_post, split_front_matter
from ..text.vndates import DateFormatError, parse_datetime
from ..text.vntext import slugify
from .check import check_project
from .editorconfig import API_PATH, EDITOR_PATH, Json, editor_config

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger("mkdocs.hooks.cchc")

FILES = Path(__file__).resolve().parent.parent / "editor"  # index.html, our glue, the Decap bundle
MAX_REQUEST = 64 * 1024 * 1024  # a post with a few phone photos, base64-encoded
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# What the editor's folder holds, text in UTF-8.
_TEXT = (("html", "html"), ("js", "javascript"), ("css", "css"), ("txt", "plain"), ("yml", "yaml"))
_TYPES = {".wasm": "application/wasm"} | {f".{ext}": f"text/{kind}; charset=utf-8" for ext, kind in _TEXT}
LAST_SAVE = "cchcLastSave"  # our own action: the check of the post saved last (the glue's banner)


class BackendError(Exception):
    """A request the editor cannot carry out; the message is shown to the editor as Decap's error."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def mount(server: WSGIServer, config_file: Path, site_url: str) -> None:
    """Wrap the preview's application with the editor, when the preview listens on loopback only."""
    host, port = server.server_address[:2]
    if not _loopback(str(host)):
        log.warning(
            "cchc: trình soạn thảo %s chỉ mở khi xem thử trên 127.0.0.1; địa chỉ %s không có trình soạn thảo.",
            EDITOR_PATH,
            host,
        )
        return
    project = load_project(config_file, Collector())
    plans = load_plans(project.root, project.settings, Collector())  # a broken plan is `cchc check`'s business
    config = yaml.safe_dump(editor_config(project.settings, plans), allow_unicode=True, sort_keys=False)
    backend = Backend(project, urlsplit(site_url).path or "/")
    inner = server.get_app()
    assert inner is not None, "MkDocs sets its application before on_serve"
    server.set_app(EditorApp(inner, backend, config.encode()))
    log.info("cchc: trình soạn thảo bài viết: http://%s:%s%s", host, port, EDITOR_PATH)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class EditorApp:
    """WSGI: /quan-tri/… is the editor's, every other path MkDocs' preview."""

    def __init__(self, inner: WSGIApplication, backend: Backend, config: bytes) -> None:
        self.inner = inner
        self.backend = backend
        self.config = config

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(EDITOR_PATH.rstrip("/")):
            return self.inner(environ, start_response)
        if not _from_this_machine(environ):
            return _reply(start_response, "403 Forbidden", "Trình soạn thảo chỉ mở trên chính máy này.".encode())
        if path == EDITOR_PATH.rstrip("/"):
            start_response("301 Moved Permanently", [("Location", EDITOR_PATH)])
            return [b""]
        if path == API_PATH:
            return self.api(environ, start_response)
        if path == EDITOR_PATH + "config.yml":
            return _reply(start_response, "200 OK", self.config, _TYPES[".yml"])
        return self.static(path[len(EDITOR_PATH) :] or "index.html", start_response)

    def api(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            request = _request(environ)
            answer = self.backend.handle(request)
        except BackendError as exc:
            body = json.dumps({"error": str(exc)}, ensure_ascii=False).encode()
            return _reply(start_response, f"{exc.status} Error", body, "application/json; charset=utf-8")
        return _reply(start_response, "200 OK", json.dumps(answer, ensure_ascii=False).encode(), "application/json")

    def static(self, name: str, start_response: StartResponse) -> Iterable[bytes]:
        wanted = (FILES / name).resolve()
        if wanted.suffix not in _TYPES or not wanted.is_relative_to(FILES) or not wanted.is_file():
            return _reply(start_response, "404 Not Found", "Không có tệp này.".encode())
        return _reply(start_response, "200 OK", wanted.read_bytes(), _TYPES[wanted.suffix])


def _from_this_machine(environ: WSGIEnvironment) -> bool:
    """Loopback peer, and a Host naming loopback (a page elsewhere cannot rebind its name to us)."""
    host = environ.get("HTTP_HOST", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return _loopback(environ.get("REMOTE_ADDR", "")) and _loopback(name)


def _request(environ: WSGIEnvironment) -> dict[str, Json]:
    """The JSON body of a POST from the editor's own page (JSON content type: a cross-site form cannot send it)."""
    if environ.get("REQUEST_METHOD") != "POST" or not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        raise BackendError("Yêu cầu không hợp lệ.", 400)
    origin = environ.get("HTTP_ORIGIN")
    if origin and urlsplit(origin).netloc != environ.get("HTTP_HOST"):
        raise BackendError("Yêu cầu từ trang khác bị từ chối.", 403)
    size = int(environ.get("CONTENT_LENGTH") or 0)
    if size > MAX_REQUEST:
        raise BackendError(f"Tệp gửi lên quá lớn (tối đa {MAX_REQUEST // 1024 // 1024} MB).", 413)
    try:
        body = json.loads(environ["wsgi.input"].read(size))
    except ValueError:
        raise BackendError("Yêu cầu không hợp lệ.", 400) from None
    if not isinstance(body, dict):
        raise BackendError("Yêu cầu không hợp lệ.", 400)
    return body


def _reply(start_response: StartResponse, status: str, body: bytes, kind: str = _TYPES[".txt"]) -> list[bytes]:
    headers = [
        ("Content-Type", kind),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
    ]
    start_response(status, headers)
    return [body]


@dataclass
class Backend:
    """Decap's local backend protocol over the project folder (`decap-server`'s `local_fs` mode)."""

    project: Project
    preview_base: str  # where `cchc serve` mounts the site ("/" or site_url's path)
    # Decap's name for a new post -> ours: it reloads the post it just saved by its own name.
    renamed: dict[str, str] = field(default_factory=dict)
    last_save: dict[str, Json] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, request: dict[str, Json]) -> Json:
        action, params = request.get("action"), request.get("params") or {}
        if not isinstance(action, str) or not isinstance(params, dict):
            raise BackendError("Yêu cầu không hợp lệ.", 400)
        actions: dict[str, Callable[[dict[str, Json]], Json]] = {
            "info": lambda _: {"repo": self.project.root.name, "publish_modes": ["simple"], "type": "local_fs"},
            "entriesByFolder": self.entries_by_folder,
            "entriesByFiles": lambda p: [self.entry(_text(f, "path")) for f in _list(p, "files")],
            "getEntry": lambda p: self.entry(_text(p, "path")),
            "persistEntry": self.persist_entry,
            "getMedia": self.media,
            "getMediaFile": lambda p: self.media_file(_text(p, "path")),
            "persistMedia": self.persist_media,
            "deleteFile": self.refuse_delete,
            "deleteFiles": self.refuse_delete,
            "getDeployPreview": lambda _: None,
            LAST_SAVE: lambda _: self.last_save,
        }
        if action not in actions:
            raise BackendError(f"Trình soạn thảo chưa hỗ trợ thao tác {action}.")
        with self.lock:  # one editor, one request at a time: saves and checks never interleave
            return actions[action](params)

    # Paths

    def resolve(self, path: str) -> Path:
        """A path Decap names, inside a content folder (symbolic links leading out refused)."""
        relative = PurePosixPath(path)
        folders = self.folders()
        if relative.is_absolute() or ".." in relative.parts or not relative.parts or relative.parts[0] not in folders:
            raise BackendError(f"Trình soạn thảo chỉ đọc và ghi trong thư mục {', '.join(folders)}/: {path}", 403)
        target = self.project.root.joinpath(*relative.parts)
        if not target.resolve().is_relative_to((self.project.root / relative.parts[0]).resolve()):
            raise BackendError(f"Đường dẫn {path} dẫn ra ngoài thư mục {relative.parts[0]}/.", 403)
        return target

    def folders(self) -> tuple[str, ...]:
        return (self.project.settings.posts_dir,)

    def source(self, path: Path) -> str:
        return path.relative_to(self.project.root).as_posix()

    # Reading

    def entries_by_folder(self, params: dict[str, Json]) -> Json:
        folder = self.resolve(_text(params, "folder"))
        extension = "." + _text(params, "extension").lstrip(".")
        if not folder.is_dir():
            return []
        files = sorted(p for p in folder.rglob(f"*{extension}") if p.is_file() and not _hidden(p, folder))
        return [self.entry(self.source(p)) for p in files]

    def entry(self, path: str) -> Json:
        path = self.renamed.get(path, path)
        try:
            content = self.resolve(path).read_bytes()
        except OSError:
            return {"data": None, "file": {"path": path, "id": None}}
        return {"data": content.decode("utf-8", "replace"), "file": {"path": path, "id": _digest(content)}}

    def media(self, params: dict[str, Json]) -> Json:
        folder = self.resolve(_text(params, "mediaFolder"))
        if not folder.is_dir():
            return []
        images = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
        return [self.media_file(self.source(p)) for p in images]

    def media_file(self, path: str) -> Json:
        try:
            content = self.resolve(path).read_bytes()
        except OSError:
            raise BackendError(f"Không đọc được ảnh {path}.", 404) from None
        encoded = base64.b64encode(content).decode()
        name = PurePosixPath(path).name
        return {"id": _digest(content), "content": encoded, "encoding": "base64", "path": path, "name": name}

    # Writing

    def persist_entry(self, params: dict[str, Json]) -> Json:
        options = params.get("options")
        new = isinstance(options, dict) and options.get("newEntry") is True
        files = _list(params, "dataFiles") if "dataFiles" in params else [params.get("entry")]
        if len(files) != 1:
            raise BackendError("Mỗi lần chỉ lưu được một bài.")
        asked, raw = _text(files[0], "path"), _text(files[0], "raw")
        if len(raw.encode()) > limits.POST_BYTES:
            raise BackendError(f"Bài viết quá dài (tối đa {limits.POST_BYTES // 1024 // 1024} MB).")
        target = self.new_post_path(asked, raw) if new else self.resolve(self.renamed.get(asked, asked))
        assets = [(self.asset_path(_text(a, "path"), asked, target), _bytes(a)) for a in _list(params, "assets")]
        for path, content in assets:
            _write_new(path, content)
        _write(target, raw.encode(), replace=not new)
        if new:
            self.renamed[asked] = self.source(target)
        self.last_save = self.check(target)
        return {"message": "Đã lưu."}

    def new_post_path(self, asked: str, raw: str) -> Path:
        """`posts/YYYY/MM/<slug>.md` from the post's own date (unit's time zone) and slug, as `cchc new` names it."""
        settings = self.project.settings
        title, slug, written = _front_values(raw)
        try:
            local = parse_datetime(written, settings.timezone).astimezone(settings.timezone)
        except DateFormatError:
            return self.resolve(asked)  # the check after saving names the date's problem
        name = slugify(slug or title) or PurePosixPath(asked).stem
        target = self.project.root / settings.posts_dir / f"{local:%Y}" / f"{local:%m}" / f"{name}.md"
        if target.exists():
            raise BackendError(f"Đã có bài {self.source(target)}; hãy đặt tiêu đề khác hoặc mở bài đó để sửa.", 409)
        for post in load_posts(self.project.root, settings, Collector()):
            if post.slug == name:
                raise BackendError(f'Bài {post.source} đã dùng đường dẫn "{name}"; hãy đặt tiêu đề khác.', 409)
        return target

    def asset_path(self, path: str, asked: str, target: Path) -> Path:
        """An image saved with a post goes beside the post, where the post names it."""
        resolved = self.resolve(path)
        if PurePosixPath(path).parent == PurePosixPath(asked).parent:
            return target.parent / resolved.name
        return resolved

    def persist_media(self, params: dict[str, Json]) -> Json:
        asset = params.get("asset")
        if not isinstance(asset, dict):
            raise BackendError("Yêu cầu không hợp lệ.", 400)
        path = _text(asset, "path")
        _write_new(self.resolve(path), _bytes(asset))
        return self.media_file(path)

    def refuse_delete(self, params: dict[str, Json]) -> Json:
        raise BackendError("Trình soạn thảo không xóa tệp. Muốn bỏ một bài, hãy đánh dấu Bản nháp.")

    # Checking

    def check(self, saved: Path) -> dict[str, Json]:
        """`cchc check` on the whole project, its problems of the saved file (images and links included)."""
        source = self.source(saved)
        problems = check_project(self.project, Collector(), build_now()).problems
        mine = [p for p in problems if p.file == source]
        found: list[Json] = [{"level": p.level.value, "text": describe(p)} for p in mine]
        post = read_post(saved, source, self.project.settings, Collector())
        address = self.preview_base.rstrip("/") + "/" + post.url if post else None
        errors = sum(p.level is Level.ERROR for p in mine)
        return {"file": source, "url": address, "errors": errors, "problems": found}


def _front_values(raw: str) -> tuple[str, str, str]:
    """Title, slug and date as written in a post's front matter (blank when absent or unreadable)."""
    front, _, _ = split_front_matter(raw)
    try:
        data = parse(front or "").data
    except YamlSyntaxError:
        data = None
    if not isinstance(data, dict):
        return "", "", ""
    title, slug, date = (data.get(key) for key in ("title", "slug", "date"))
    return _str(title), _str(slug), _str(date)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _text(value: Json, key: str) -> str:
    found = value.get(key) if isinstance(value, dict) else None
    if not isinstance(found, str):
        raise BackendError(f"Yêu cầu thiếu {key}.", 400)
    return found


def _list(value: dict[str, Json], key: str) -> list[Json]:
    found = value.get(key)
    if not isinstance(found, list):
        raise BackendError(f"Yêu cầu thiếu {key}.", 400)
    return found


def _bytes(asset: Json) -> bytes:
    try:
        return base64.b64decode(_text(asset, "content"), validate=True)
    except ValueError:
        raise BackendError("Ảnh gửi lên bị hỏng; hãy tải lại ảnh.", 400) from None


def _write(path: Path, content: bytes, replace: bool) -> None:
    """Atomically: a temporary file beside, then a rename (`replace`) or a link that fails if the name is taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.dang-luu-{os.getpid()}-{threading.get_ident()}")
    temp.write_bytes(content)
    try:
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)
    except FileExistsError:
        raise BackendError(f"Đã có tệp {path.name}; trình soạn thảo không ghi đè.", 409) from None
    finally:
        temp.unlink(missing_ok=True)


def _write_new(path: Path, content: bytes) -> None:
    """A new image; the same bytes already there are kept, another file of that name is never overwritten."""
    if path.exists():
        if path.is_file() and path.read_bytes() == content:
            return
        raise BackendError(f"Đã có một tệp khác tên {path.name} cạnh bài; hãy đổi tên ảnh rồi tải lên lại.", 409)
    _write(path, content, replace=False)
