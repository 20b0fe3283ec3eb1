"""Which folders the web servers of this machine serve: old versions must not sit inside one.

`cchc publish` runs on the web server itself, so the servers' configuration files
say what readers can reach: nginx `root`/`alias`, Apache `DocumentRoot`/`Alias`,
Caddy `root`, lighttpd `server.document-root`. The distributions' default web
roots count too, and a folder holding an `index.html` looks like one.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

CONFIGS = (
    "/etc/nginx/nginx.conf",
    "/etc/nginx/conf.d/*.conf",
    "/etc/nginx/sites-enabled/*",
    "/etc/apache2/apache2.conf",
    "/etc/apache2/sites-enabled/*",
    "/etc/httpd/conf/httpd.conf",
    "/etc/httpd/conf.d/*.conf",
    "/etc/caddy/Caddyfile",
    "/etc/lighttpd/lighttpd.conf",
)
DEFAULT_ROOTS = ("/var/www/html", "/usr/share/nginx/html", "/srv/www/htdocs", "/srv/http")
_INDEX = ("index.html", "index.htm", "index.php")
# Apache's `Alias /url "/path"` before nginx's `alias /path;`: the first names a URL, then the folder.
_DIRECTIVE = re.compile(
    r"""^\s*(?:Alias\s+\S+|alias|root(?:\s+\*)?|DocumentRoot|server\.document-root\s*=)\s+["']?(/[^"';\s]*)""",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Served:
    root: Path  # a folder readers can reach
    source: str  # why we think so, in Vietnamese
    url: str = "/"  # where a folder inside it is reached


def served_roots() -> list[Served]:
    found = [Served(Path(root), "thư mục web mặc định của máy chủ") for root in DEFAULT_ROOTS]
    for pattern in CONFIGS:
        for config in sorted(glob.glob(pattern)):
            try:
                text = Path(config).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            found += [Served(Path(m[1]), f"theo cấu hình {config}") for m in _DIRECTIVE.finditer(text)]
    return found


def reachable(folder: Path) -> Served | None:
    """The served folder `folder` is inside (readers can browse it), or None."""
    folder = Path(os.path.abspath(folder))
    for served in served_roots():
        for inside, root in ((folder, served.root), (folder.resolve(), served.root.resolve())):
            if inside.is_relative_to(root):
                return Served(root, served.source, _url(inside.relative_to(root)))
    for index in _INDEX:
        if (folder.parent / index).is_file():
            source = f"thư mục đó có tệp {index}, như thư mục gốc của một trang web"
            return Served(folder.parent, source, _url(Path(folder.name)))
    return None


def _url(inside: Path) -> str:
    return "/" if inside == Path(".") else f"/{inside.as_posix()}/"
