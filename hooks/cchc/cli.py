"""`cchc`: the editors' command (build, serve; more subcommands join here)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _mkdocs(args: list[str]) -> int:
    # Material prints a notice about MkDocs 2.0 to every `mkdocs` run; editors
    # should only see our own messages.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli

    try:
        cli.main(args=args, prog_name="cchc", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:  # click's Abort/ClickException carry the message already logged
        message = getattr(exc, "message", None) or str(exc)
        if message:
            print(message, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cchc", description="Công cụ cho biên tập viên trang CCHC.")
    sub = parser.add_subparsers(dest="command", required=True)
    # Both pass any further options (--strict, -f, -a …) on to MkDocs.
    sub.add_parser("build", help="Dựng toàn bộ trang vào thư mục site/.")
    sub.add_parser("serve", help="Xem thử trang, tự tải lại khi sửa bài (hiện cả bản nháp).")
    portal = sub.add_parser("portal", help="Đóng gói bài gửi Cổng TTĐT CCHC tỉnh của một tháng (thư mục và .zip).")
    portal.add_argument("month", help="tháng cần gửi, dạng NĂM-THÁNG, ví dụ 2026-03")
    portal.add_argument("-f", "--config-file", default="mkdocs.yml", help="tệp cấu hình của trang")
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":
        return _mkdocs(["build", *rest])
    if args.command == "serve":
        return _mkdocs(["serve", "--livereload", *rest])
    if args.command == "portal":
        from .portal_package import run

        return run(args.month, args.config_file, Path.cwd())
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
