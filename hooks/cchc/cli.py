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
    from mkdocs.exceptions import Abort

    try:
        cli.main(args=args, prog_name="cchc", standalone_mode=False)
    except OSError:
        raise  # explained in Vietnamese by the command, which knows what it was writing
    except Abort as exc:  # a SystemExit that carries MkDocs' last word ("Aborted with …")
        print(exc.format_message(), file=sys.stderr)
        return 1
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
    _add_editor_commands(sub)
    args, rest = parser.parse_known_args(argv)
    try:
        return _run(args, rest)
    except OSError as exc:
        from .disk import explain

        print(explain(exc), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, rest: list[str]) -> int:
    if args.command in ("new", "check", "publish"):
        return _editor_command(args, rest)
    if args.command == "build":
        from .sitebuild import build

        return build(rest, _mkdocs)
    if args.command == "serve":
        return _mkdocs(["serve", "--livereload", *rest])
    if args.command == "portal":
        from .portal_package import run

        return run(args.month, args.config_file, Path.cwd())
    return 2  # pragma: no cover - argparse rejects unknown commands


def _add_editor_commands(sub) -> None:
    new = sub.add_parser("new", help="Tạo bài viết mới với đủ các khóa thông tin đầu bài.")
    new.add_argument("title", help='Tiêu đề bài viết, trong ngoặc kép: "Tiêu đề bài viết".')
    new.add_argument("--area", help="Mã hoặc tên lĩnh vực CCHC (mặc định: lĩnh vực đầu tiên).")
    new.add_argument("--portal", action="store_true", help="Đánh dấu gửi bài sang Cổng CCHC tỉnh.")
    new.add_argument("--slug", help="Đường dẫn của bài (chữ không dấu); mặc định tạo từ tiêu đề.")
    check = sub.add_parser("check", help="Kiểm tra mọi bài viết và kế hoạch, không dựng trang.")
    check.add_argument("--json", action="store_true", help="In kết quả dạng JSON cho các công cụ khác.")
    check.add_argument("--strict", action="store_true", help="Coi cảnh báo là lỗi, như `cchc build --strict`.")
    publish = sub.add_parser(
        "publish",
        help="Dựng trang rồi thay trang đang chạy ở DEST trong một bước; giữ 3 bản gần nhất.",
        description="Các tùy chọn khác (như --strict) được chuyển cho bước dựng trang.",
    )
    publish.add_argument("dest", help="Thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc.")
    publish.add_argument("--rollback", action="store_true", help="Quay lại bản đã xuất bản trước đó.")
    publish.add_argument(
        "--versions-dir",
        help="Nơi giữ các bản cũ, ngoài thư mục máy chủ web phục vụ (mặc định: DEST.versions cạnh DEST).",
    )
    for command in (new, check, publish):
        command.add_argument("-f", "--config-file", default="mkdocs.yml", help="Tệp cấu hình (mặc định mkdocs.yml).")


def _editor_command(args: argparse.Namespace, rest: list[str]) -> int:
    if rest and args.command != "publish":  # publish hands further options to the build
        print(f"Không hiểu tùy chọn: {' '.join(rest)}", file=sys.stderr)
        return 2
    config = Path(args.config_file)
    if args.command == "new":
        from . import newpost

        return newpost.main(config, args.title, args.area, args.portal, args.slug)
    if args.command == "check":
        from . import check

        return check.main(config, args.strict, args.json)
    from . import publish

    def build(site_dir: Path) -> int:
        return _mkdocs(["build", "--config-file", str(config), "--site-dir", str(site_dir), *rest])

    versions = Path(args.versions_dir) if args.versions_dir else None
    return publish.main(Path(args.dest), config, args.rollback, build, versions)


if __name__ == "__main__":
    sys.exit(main())
