"""`cchc`: the editors' command (build, serve; more subcommands join here)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..adapter import engine
from .vnargparse import Parser

# What `cchc build`/`serve` hand on to MkDocs, named in their help.
_MKDOCS_OPTIONS = (
    "Các tùy chọn khác được chuyển cho MkDocs: --strict (coi cảnh báo là lỗi), "
    "-f TỆP (tệp cấu hình, mặc định mkdocs.yml)"
)

_INIT_HELP = "Đặt tên, địa chỉ đơn vị và xóa nội dung mẫu: bắt đầu trang của đơn vị."


def _mkdocs(args: list[str]) -> int:
    # Material prints a notice about MkDocs 2.0 to every `mkdocs` run; editors
    # should only see our own messages.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    engine.load()
    import click
    from mkdocs.__main__ import State, cli
    from mkdocs.exceptions import Abort

    from ..adapter.mkdocslog import translate, vietnamese_output

    if not _names_config_file(args):
        # ProperDocs looks for properdocs.yml first and says so in English when it falls back to mkdocs.yml.
        args = [args[0], "--config-file", "mkdocs.yml", *args[1:]]  # before a trailing option missing its value
    state = State()  # type: ignore[no-untyped-call]  # (mkdocs.__main__ is untyped) MkDocs' log handler, made here so that its lines are ours to translate
    try:
        with vietnamese_output(state.stream):
            cli.main(args=args, prog_name="cchc", standalone_mode=False, obj=state)
    except OSError:
        raise  # explained in Vietnamese by the command, which knows what it was writing
    except Abort as exc:  # a SystemExit that carries MkDocs' last word ("Aborted with …")
        print(translate(exc.format_message()), file=sys.stderr)
        return 1
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.ClickException as exc:  # a usage error of MkDocs' own options
        print(f"cchc: lỗi: {translate(exc.format_message())}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # click's Abort and the like carry the message already logged
        message = getattr(exc, "message", None) or str(exc)
        if message:
            print(translate(message), file=sys.stderr)
        return 1
    finally:
        state.logger.removeHandler(state.stream)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:
        # `cchc check | head`: the reader has gone; no traceback, and none at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    parser = Parser(prog="cchc", description="Công cụ cho biên tập viên trang CCHC.")
    sub = parser.add_subparsers(dest="command", required=True, title="Các lệnh", metavar="LỆNH")
    # Both pass any further options (--strict, -f, -a …) on to MkDocs.
    sub.add_parser("build", help="Dựng toàn bộ trang vào thư mục site/.", description=_MKDOCS_OPTIONS)
    sub.add_parser(
        "serve", help="Xem thử trang, tự tải lại khi sửa bài (hiện cả bản nháp).", description=_MKDOCS_OPTIONS
    )
    portal = sub.add_parser("portal", help="Đóng gói bài gửi Cổng TTĐT CCHC tỉnh của một tháng (thư mục và .zip).")
    portal.arguments.add_argument("month", metavar="THÁNG", help="tháng cần gửi, dạng NĂM-THÁNG, ví dụ 2026-03")
    portal.options.add_argument(
        "-f", "--config-file", metavar="TỆP", default="mkdocs.yml", help="tệp cấu hình của trang"
    )
    _add_editor_commands(sub)
    _add_word_commands(sub)
    # Printed notices (issue 17).
    notice = sub.add_parser("in", help="In bản niêm yết khổ A4 của một bài ra tệp PDF.")
    notice.arguments.add_argument(
        "post", metavar="BÀI", help="tệp bài (posts/2026/03/bai.md), đường dẫn (slug) hoặc địa chỉ trang của bài"
    )
    notice.options.add_argument("-o", "--output", metavar="TỆP", help="tệp PDF ghi ra (mặc định niem-yet-<slug>.pdf)")
    notice.options.add_argument("--force", action="store_true", help="ghi đè tệp PDF đã có")
    notice.options.add_argument(
        "-f", "--config-file", metavar="TỆP", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)"
    )
    args, rest = parser.parse_known_args(argv)
    try:
        return _run(args, rest)
    except OSError as exc:
        from .disk import explain

        print(explain(exc), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, rest: list[str]) -> int:
    if args.command in ("new", "check", "publish", "init"):
        return _editor_command(args, rest)
    if args.command in ("plan", "report"):
        return _word_command(args, rest)
    if args.command in ("build", "serve"):
        config = _config_file(rest)
        if not config.is_file():
            from ..config.project import ProjectError, read_config

            try:
                read_config(config)
            except ProjectError as exc:
                print(exc, file=sys.stderr)
                return 1
    if args.command == "build":
        from .sitebuild import build

        return build(rest, _mkdocs)
    if args.command == "serve":
        _local_time(config)
        # Quick preview (adapter/incremental.py): a save renders only the pages it shows on; `--clean` after wins.
        return _mkdocs(["serve", "--livereload", "--dirty", *rest])
    if args.command == "in":  # printed notices (issue 17)
        return _print_notice(args, rest)
    if args.command == "portal":
        from .portal_package import run

        engine.load()  # it reads mkdocs.yml as MkDocs does

        return run(args.month, args.config_file, Path.cwd())
    return 2  # pragma: no cover - argparse rejects unknown commands


def _names_config_file(args: list[str]) -> bool:
    return any(arg in ("-f", "--config-file") or arg.startswith("--config-file=") for arg in args)


def _config_file(rest: list[str]) -> Path:
    """The config file MkDocs will read: `-f X`, `--config-file X` or `--config-file=X`, else mkdocs.yml."""
    for i, arg in enumerate(rest):
        if arg in ("-f", "--config-file") and i + 1 < len(rest):
            return Path(rest[i + 1])
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1])
    return Path("mkdocs.yml")


def _local_time(config: Path) -> None:
    """MkDocs stamps `serve`'s lines with the process's local time: make it the unit's."""
    from ..config.errors import Collector
    from ..config.project import ProjectError, load_project

    try:
        zone = load_project(config, Collector()).settings.timezone
    except ProjectError:
        return  # MkDocs says what is wrong with the file
    os.environ["TZ"] = zone.key
    time.tzset()


def _add_new_command(sub: argparse._SubParsersAction[Parser]) -> Parser:
    """`cchc new`: a post, or with `--van-ban` a document, with `--thu-tuc` a procedure."""
    new = sub.add_parser("new", help="Tạo bài viết mới với đủ các khóa thông tin đầu bài.")
    new.arguments.add_argument("title", metavar="TIÊU_ĐỀ", help='tiêu đề bài viết, trong ngoặc kép: "Tiêu đề bài viết"')
    new.options.add_argument(
        "--area", metavar="LĨNH_VỰC", help="mã hoặc tên lĩnh vực CCHC (mặc định: lĩnh vực đầu tiên)"
    )
    new.options.add_argument("--portal", action="store_true", help="đánh dấu gửi bài sang Cổng CCHC tỉnh")
    new.options.add_argument(
        "--slug", metavar="ĐƯỜNG_DẪN", help="đường dẫn của bài (chữ không dấu); mặc định tạo từ tiêu đề"
    )
    # Documents register: `cchc new --van-ban "Trích yếu" --so 45/KH-TTYT`.
    new.options.add_argument(
        "--van-ban", action="store_true", help="tạo văn bản (documents/) thay cho bài viết; TIÊU_ĐỀ là trích yếu"
    )
    new.options.add_argument("--so", metavar="SỐ_KÝ_HIỆU", help="số, ký hiệu của văn bản, ví dụ 45/KH-TTYT")
    new.options.add_argument("--loai", metavar="LOẠI", help="loại văn bản; mặc định đoán từ ký hiệu (KH: Kế hoạch…)")
    # Procedures (shared/FORMATS.md §4).
    new.options.add_argument(
        "--thu-tuc", action="store_true", help="tạo tệp thủ tục hành chính (procedures/); TIÊU_ĐỀ là tên thủ tục"
    )
    return new


def _add_editor_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    new = _add_new_command(sub)
    check = sub.add_parser("check", help="Kiểm tra mọi bài viết và kế hoạch, không dựng trang.")
    check.options.add_argument("--json", action="store_true", help="in kết quả dạng JSON cho các công cụ khác")
    check.options.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi, như `cchc build --strict`")
    publish = sub.add_parser(
        "publish",
        help="Dựng trang rồi thay trang đang chạy ở DEST trong một bước; giữ 3 bản gần nhất.",
        description="Các tùy chọn khác (như --strict) được chuyển cho bước dựng trang.",
    )
    publish.arguments.add_argument("dest", metavar="DEST", help="thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc")
    publish.options.add_argument("--rollback", action="store_true", help="quay lại bản đã xuất bản trước đó")
    publish.options.add_argument(
        "--versions-dir",
        metavar="THƯ_MỤC",
        help="nơi giữ các bản cũ, ngoài thư mục máy chủ web phục vụ (mặc định: DEST.versions cạnh DEST)",
    )
    init = sub.add_parser("init", help=_INIT_HELP, description="Thiếu thông tin nào thì lệnh hỏi (trong cửa sổ lệnh).")
    for option, metavar, text in (
        ("--unit", "TÊN", "tên đơn vị"),
        ("--parent", "TÊN", "cơ quan chủ quản"),
        ("--address", "ĐỊA_CHỈ", "địa chỉ đơn vị"),
        ("--province", "TỈNH", "tỉnh, thành phố"),
        ("--url", "ĐỊA_CHỈ_WEB", "địa chỉ trang web, ví dụ https://ttyt.khanhhoa.gov.vn/"),
        ("--phone", "SỐ", "điện thoại"),
        ("--email", "THƯ", "thư điện tử"),
    ):
        init.options.add_argument(option, metavar=metavar, help=text)
    init.options.add_argument("--force", action="store_true", help="chạy cả khi trang không còn là trang mẫu")
    for command in (new, check, publish, init):
        command.options.add_argument(
            "-f", "--config-file", metavar="TỆP", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)"
        )


def _editor_command(args: argparse.Namespace, rest: list[str]) -> int:
    if rest and args.command != "publish":  # publish hands further options to the build
        print(f"Không hiểu tùy chọn: {' '.join(rest)}", file=sys.stderr)
        return 2
    config = Path(args.config_file)
    if args.command == "new" and args.thu_tuc:
        from . import newpost

        if args.area or args.portal:
            print("--area và --portal chỉ dùng cho bài viết, không dùng cùng --thu-tuc.", file=sys.stderr)
            return 2
        return newpost.procedure_main(config, args.title, args.slug)
    if args.command == "new":
        from . import newpost

        if args.van_ban:  # documents register
            return newpost.document_main(config, args.title, args.so, args.loai, args.slug)
        return newpost.main(config, args.title, args.area, args.portal, args.slug)
    if args.command == "check":
        from . import check

        return check.main(config, args.strict, args.json)
    if args.command == "init":
        from . import newsite

        given = {"name": args.unit, **{k: getattr(args, k) for k in newsite.QUESTIONS if k != "name"}}
        return newsite.main(config, given, args.force, input if sys.stdin.isatty() else None)
    from . import publish

    def build(site_dir: Path) -> int:
        return _mkdocs(["build", "--config-file", str(config), "--site-dir", str(site_dir), *rest])

    versions = Path(args.versions_dir) if args.versions_dir else None
    return publish.main(Path(args.dest), config, args.rollback, build, versions)


# --- Word: `cchc plan import` and `cchc report` ----------------------------------------


def _add_word_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    plan = sub.add_parser("plan", help="Việc với kế hoạch: nhập kế hoạch từ tệp Word (.docx).")
    actions = plan.add_subparsers(dest="action", required=True, title="Các việc", metavar="VIỆC")
    imports = actions.add_parser("import", help="Đọc kế hoạch đã ký (.docx) và ghi thành plans/<mã>.yaml.")
    imports.arguments.add_argument("document", metavar="TỆP_DOCX", help="tệp Word của kế hoạch, ví dụ KE-HOACH.docx")
    imports.options.add_argument("--id", metavar="MÃ", help="mã kế hoạch, chữ không dấu (mặc định: theo tên tệp)")
    imports.options.add_argument("--force", action="store_true", help="ghi đè tệp kế hoạch đã có")
    report = sub.add_parser("report", help="Viết báo cáo kết quả tuyên truyền CCHC của một kỳ thành tệp Word (.docx).")
    report.arguments.add_argument("plan", metavar="KẾ_HOẠCH", help="mã kế hoạch (tên tệp trong plans/ không có .yaml)")
    report.arguments.add_argument(
        "report", metavar="KỲ", nargs="?", help='kỳ báo cáo như trong kế hoạch, ví dụ "Quý I" (mặc định: kỳ tới hạn)'
    )
    report.options.add_argument("-o", "--output", metavar="TỆP", help="tệp .docx cần ghi (mặc định: bao-cao-<mã>-<kỳ>)")
    report.options.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    for command in (imports, report):
        command.options.add_argument(
            "-f", "--config-file", metavar="TỆP", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)"
        )


def _word_command(args: argparse.Namespace, rest: list[str]) -> int:
    if rest:
        print(f"Không hiểu tùy chọn: {' '.join(rest)}", file=sys.stderr)
        return 2
    config = Path(args.config_file)
    if args.command == "plan":
        from . import planimport

        return planimport.main(config, Path(args.document), args.id, args.force)
    from . import report

    return report.main(config, args.plan, args.report, Path(args.output) if args.output else None, args.force)


# Printed notices (issue 17).
def _print_notice(args: argparse.Namespace, rest: list[str]) -> int:
    if rest:
        print(f"Không hiểu tùy chọn: {' '.join(rest)}", file=sys.stderr)
        return 2
    from .notice_pdf import run

    config = args.config_file

    def build(site_dir: Path) -> int:
        return _mkdocs(["build", "--config-file", config, "--site-dir", str(site_dir)])

    return run(args.post, args.output, args.force, Path(config), build)


if __name__ == "__main__":
    sys.exit(main())
