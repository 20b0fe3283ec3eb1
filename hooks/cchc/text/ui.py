"""Vietnamese UI strings of the section's templates, in one place."""

STRINGS: dict[str, str] = {
    "qr_label": "Mã QR mở {url}",
    # Calendars and plan pages: labels computed in Python (model/, pages/)
    "day_label": "Ngày {day} tháng {month} năm {year}: {contents}",
    "day_empty": "không có bài viết",
    "month_caption": "Tháng {month} năm {year}",
    "periods_met": "Đạt {met}/{elapsed} {unit} đã qua",
    "posts_of_required": "{n}/{required} bài",
    "period_unit_deadline": "hạn",
    "no_department": "(Không ghi đơn vị)",
    "plan_kind": "KẾ HOẠCH",
    "plan_title_start": "kế hoạch",  # a plan's title starting so is set as "KẾ HOẠCH" over the rest
    # Deadlines (calendar pages and lich.ics)
    "portal_due_summary": (
        "Hạn gửi tin, bài cho Cổng TTĐT CCHC tỉnh: tháng {month}/{year} (trước ngày {before}/{month})"
    ),
    "portal_due_detail": (
        "Gửi tin, bài cải cách hành chính của tháng {month}/{year} trước ngày {before}/{month}/{year}."
    ),
    "portal_due_quota": "{source}: từ {min} đến {max} tin, bài mỗi tháng.",
    "portal_due_label": "Gửi bài Cổng TTĐT CCHC tỉnh",
    "task_due_plan": "Kế hoạch: {title}",
    "task_due_task": "Nhiệm vụ {stt}: {title}",
    "task_due_timeline": "Thời gian thực hiện: {timeline}",
    "task_due_lead": "Chủ trì: {lead}",
    "task_due_label": "Nhiệm vụ {stt}",
    "task_due_summary": "Hạn nhiệm vụ {stt}{period}: {title}",
    "deadline_month": "tháng {month}/{year}",
    "deadline_quarter": "quý {quarter}/{year}",
    "deadline_year": "năm {year}",
    "report_label": "Báo cáo {name}",
    "report_due_summary": "Hạn {label}",
    "report_due_detail": "Báo cáo định kỳ theo {title}.",
    "no_portal": "Không áp dụng (extra.cchc.portal: false)",
    "issued_blank_day": "ngày  tháng {month} năm {year}",
    "issued_blank": "ngày  tháng  năm {year}",
    "section": "Cải cách hành chính",
    "latest": "Tin, bài mới nhất",
    "all_posts": "Xem tất cả tin, bài",
    "areas": "Lĩnh vực cải cách hành chính",
    "archives": "Lưu trữ theo năm",
    "tags": "Thẻ",
    "area": "Lĩnh vực",
    "author": "Tác giả",
    "department": "Đơn vị viết bài",
    "posted": "Đăng ngày",
    "updated": "Cập nhật",
    "prev_post": "Bài trước",
    "next_post": "Bài sau",
    "prev_page": "Trang trước",
    "next_page": "Trang sau",
    "page_of": "Trang {n}/{count}",
    "read_more": "Đọc tiếp",
    "no_posts": "Chưa có tin, bài nào.",
    "posts_count": "{n} bài viết",
    "draft": "Bản nháp (chỉ hiện khi xem thử)",
    "scheduled": "Hẹn giờ đăng (chỉ hiện khi xem thử)",
    "post_nav": "Chuyển bài",
    "pagination": "Phân trang",
    "breadcrumb": "Vị trí",
    "months": "Các tháng",
    "month_of_year": "Tháng {month}/{year}",
    "month_name": "Tháng {month}",
    "year_name": "Năm {year}",
    "feed_link_title": "{site}: tin, bài cải cách hành chính",
    "portal_feed_link_title": "{site}: tin, bài gửi Cổng TTĐT CCHC tỉnh",
    "period_posts": "{label}: {posts}/{required} bài",
    # Generated pages' titles and descriptions (`<title>`, `<meta name="description">`).
    "landing_description": "Tin, bài về cải cách hành chính của {unit}.",
    "all_posts_title": "Tất cả tin, bài",
    "all_posts_page_title": "Tất cả tin, bài – trang {n}",
    "area_description": "Tin, bài thuộc lĩnh vực {area}.",
    "tag_title": "Thẻ: {tag}",
    "year_archive_title": "Lưu trữ năm {year}",
    "month_archive_title": "Lưu trữ {month}",
    "calendar_title": "Lịch tin, bài và hạn công việc",
    "calendar_description": "Tin, bài cải cách hành chính theo ngày, cùng các hạn của kế hoạch.",
    "calendar_year_title": "Lịch năm {year}",
    "calendar_year_description": "Số tin, bài cải cách hành chính từng ngày trong năm {year}.",
    "calendar_month_title": "Lịch {month}",
    "calendar_month_description": "Tin, bài và các hạn công việc {month}.",
    "plans_title": "Kế hoạch tuyên truyền cải cách hành chính",
    "plan_description": "{title} của {issuer}: nội dung, Phụ lục nhiệm vụ và tiến độ thực hiện.",
    "table_region": "Bảng {n}",
    "table_hint": "Vuốt ngang để xem hết bảng →",
    # Feeds and the provincial portal (Cổng TTĐT CCHC tỉnh).
    "feed_description": "Tin, bài về cải cách hành chính của {unit}.",
    "portal_feed": "Tin, bài gửi Cổng TTĐT CCHC tỉnh",
    "portal_feed_description": (
        "Tin, bài của {unit} gửi Ban Biên tập Cổng thông tin điện tử cải cách hành chính tỉnh, 12 tháng gần nhất."
    ),
    "rss": "Theo dõi tin, bài qua RSS",
    "portal_quota": "Bài gửi Cổng TTĐT CCHC tỉnh",
    "portal_quota_intro": "{source}: mỗi tháng gửi từ {min} đến {max} bài, trước ngày {day}.",
    "portal_month": "Tháng",
    "portal_count": "Số bài",
    "portal_status": "Tình trạng",
    "portal_ok": "Đạt",
    "portal_short": "Thiếu bài",
    "portal_na": "Chưa áp dụng",
    "portal_over": "Quá {max} bài: nguồn tin giữ {max} bài đầu",
    "portal_open": "Chưa đến hạn (gửi trước ngày {day})",
    "portal_late": "{n} bài gửi từ ngày {day} trở đi",
    "portal_source": "Nguồn",
    "portal_package": "Bài gửi Ban Biên tập Cổng TTĐT CCHC tỉnh",
    "portal_unit": "Đơn vị",
    "portal_file": "Tệp",
    "portal_url": "Địa chỉ trên trang",
    # Calendars
    "calendar": "Lịch",
    "calendar_widget": "Lịch tin, bài tháng này",
    "calendar_full": "Xem lịch đầy đủ",
    "calendar_view": "Xem dạng lịch",
    "calendar_post": "Xem ngày đăng trên lịch",
    "calendar_nav": "Chuyển tháng",
    "calendar_year_nav": "Chuyển năm",
    "calendar_years": "Các năm",
    "calendar_list": "Danh sách tin, bài tháng này",
    "calendar_empty": "Không có tin, bài nào trong tháng này.",
    "calendar_today": "Hôm nay",
    "calendar_due": "Hạn",
    "calendar_due_count": "{n} việc đến hạn",
    "calendar_more": "Thêm {n} bài",
    "calendar_posts_short": "{n} bài",
    "calendar_month_due": "Việc đến hạn trong tháng",
    "calendar_no_due": "Không có việc đến hạn trong tháng này.",
    "calendar_upcoming": "Hạn sắp tới",  # deadlines, not the task status "Sắp đến hạn"
    "calendar_legend": "Chú giải",
    "legend_posts": "Ngày có tin, bài",
    "legend_heat": "Số tin, bài trong ngày",
    "legend_task": "Hạn nhiệm vụ của kế hoạch",
    "legend_report": "Hạn báo cáo",
    "legend_portal": "Hạn gửi tin, bài cho Cổng TTĐT CCHC tỉnh",
    "legend_due": "Ngày có việc đến hạn",
    "calendar_subscribe": "Đăng ký lịch hạn công việc (.ics)",
    "calendar_subscribe_help": (
        "Thêm địa chỉ này vào ứng dụng Lịch của điện thoại hoặc máy tính (mục “Thêm lịch theo địa chỉ”, "
        "“Đăng ký lịch”) để nhận các hạn nhiệm vụ, báo cáo và hạn gửi bài; lịch tự cập nhật."
    ),
    # Plans (kế hoạch) and their progress
    "plans": "Kế hoạch tuyên truyền CCHC",
    "plans_all": "Tất cả kế hoạch",
    "plan_current": "Kế hoạch năm {year}",
    "plan_progress": "Tiến độ thực hiện",
    "plan_as_of": "tính đến {date}",
    "plan_done_of": "{done}/{total} nhiệm vụ hoàn thành",
    "plan_linked": "{n} bài viết báo cáo kết quả",
    "plan_number": "Số",
    "plan_nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "plan_motto": "Độc lập - Tự do - Hạnh phúc",
    "plan_recipients": "Nơi nhận:",
    "plan_appendix": "Phụ lục",
    "plan_appendix_title": "Nhiệm vụ cụ thể, sản phẩm, hình thức, thời gian và phân công thực hiện",
    "plan_appendix_of": "(Kèm theo Kế hoạch số {number} {date} của {issuer})",
    "plan_col_stt": "STT",
    "plan_col_title": "Nhiệm vụ/hoạt động",
    "plan_col_outputs": "Kết quả/sản phẩm",
    "plan_col_forms": "Hình thức tuyên truyền",
    "plan_col_timeline": "Thời gian thực hiện",
    "plan_col_lead": "Phân công thực hiện",
    "plan_col_support": "Phối hợp",
    "plan_col_budget": "Kinh phí",
    "plan_col_progress": "Tiến độ",
    "plan_lead": "Chủ trì",
    "plan_support": "Phối hợp",
    "plan_posts": "Bài viết",
    "plan_no_posts": "Chưa có bài viết",
    "plan_next_deadline": "Hạn tới",
    "plan_periods": "Các kỳ",
    "plan_legend": "Cách tính trạng thái",
    "plan_reports": "Báo cáo định kỳ",
    "plan_report_due": "Hạn nộp",
    "plan_next_report": "Báo cáo kỳ tới",
    "plan_report_past": "Đã qua",
    "plan_report_next": "Kỳ tới",
    "plan_report_future": "Sắp tới",
    "plan_report_figures": "Số liệu {name}: từ {start} đến {end}",
    "plan_report_not_started": "Kỳ báo cáo bắt đầu từ {start}: chưa có số liệu.",
    "plan_report_total": "Tổng số tin, bài đăng trong kỳ",
    "plan_report_by_task": "Bài viết theo nhiệm vụ",
    "plan_report_empty_tasks": "{n} nhiệm vụ chưa có bài viết trong kỳ",
    "plan_report_by_area": "Theo lĩnh vực",
    "plan_report_by_department": "Theo đơn vị viết bài",
    "plan_report_portal": "Bài gửi Cổng TTĐT CCHC tỉnh",
    "plan_portal": "Gửi bài cho Cổng TTĐT CCHC tỉnh",
    "plan_tasks_count": "{n} nhiệm vụ",
    # A task's periods (`expects.per`, `schedule.every`, several `dates`).
    "period_month": "Tháng {short}",
    "period_quarter": "Quý {short}",
    "period_year": "Năm {short}",
    "period_deadline": "Hạn {short}/{year}",
    "plan_none": "Chưa có kế hoạch nào.",
    # Word: the plan as .docx, and the periodic report (outputs/docxreport.py)
    "plan_docx": "Tải kế hoạch (tệp Word .docx)",
    "report_kind": "BÁO CÁO",
    "report_summary": "Kết quả công tác tuyên truyền cải cách hành chính",
    "report_basis": "Thực hiện {plan}{number}, {issuer} báo cáo kết quả {period} như sau:",
    "report_results": "I. KẾT QUẢ THỰC HIỆN",
    "report_overview": (
        "Từ ngày {start} đến ngày {end}, chuyên mục cải cách hành chính trên trang thông tin điện tử "
        "của đơn vị đăng {total} tin, bài; {portal} bài gửi Cổng TTĐT CCHC tỉnh."
    ),
    "report_tasks": "1. Kết quả thực hiện các nhiệm vụ của Kế hoạch",
    "report_areas": "2. Tin, bài theo lĩnh vực cải cách hành chính",
    "report_departments": "3. Tin, bài theo đơn vị viết bài",
    "report_portal": "4. Gửi tin, bài cho Cổng TTĐT CCHC tỉnh",
    "report_col_status": "Tình trạng",
    "report_col_count": "Số bài trong kỳ",
    "report_col_posts": "Tin, bài đã đăng",
    "report_col_area": "Lĩnh vực",
    "report_col_department": "Đơn vị",
    "report_col_posts_count": "Số bài",
    "report_none": "Không có.",
    "report_problems": "II. TỒN TẠI, HẠN CHẾ",
    "report_next": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "report_fill": "(Đơn vị viết phần này.)",
    "report_parent": "Cơ quan cấp trên",
    "report_archive": "Lưu: VT.",
}

# What each status means: the plan page's legend (kept in step with `cchc.progress`).
# The calendar's weekday heads (short, full), Monday first.
WEEKDAYS: tuple[tuple[str, str], ...] = (
    ("T2", "Thứ Hai"),
    ("T3", "Thứ Ba"),
    ("T4", "Thứ Tư"),
    ("T5", "Thứ Năm"),
    ("T6", "Thứ Sáu"),
    ("T7", "Thứ Bảy"),
    ("CN", "Chủ Nhật"),
)
# A task's status (`progress.Status`), by its CSS modifier.
STATUS_LABELS: dict[str, str] = {
    "done": "Hoàn thành",
    "active": "Đang thực hiện",
    "soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "ongoing": "Thường xuyên",
}
STATUS_HELP: dict[str, str] = {
    "done": (
        "Nhiệm vụ đã có đủ bài viết báo cáo kết quả (mặc định 1 bài, hoặc số bài kế hoạch yêu cầu). "
        "Nhiệm vụ theo kỳ (hằng tháng, hằng quý, nhiều hạn) chỉ hoàn thành khi mọi kỳ của kế hoạch đều đủ bài."
    ),
    "active": ("Chưa đến hạn, hoặc kỳ vừa qua đã đạt; “Đạt 7/10 tháng đã qua” là số kỳ đủ bài trên số kỳ đã qua hạn."),
    "soon": "Hạn gần nhất còn trong vòng 14 ngày mà chưa có đủ bài viết.",
    "overdue": (
        "Hạn gần nhất đã qua mà chưa có đủ bài viết. Nhiệm vụ không ghi lịch có hạn là ngày 31/12 của năm kế hoạch."
    ),
    "ongoing": (
        "Nhiệm vụ thực hiện thường xuyên, không có hạn riêng; "
        "được đánh giá (hoàn thành hoặc quá hạn) khi hết năm kế hoạch."
    ),
}
STATUS_HELP_NOTE = (
    "Một bài viết được tính cho nhiệm vụ khi bài ghi rõ kế hoạch này và số thứ tự của nhiệm vụ. "
    "Nhiệm vụ có nhiệm vụ con lấy trạng thái cần chú ý nhất của các nhiệm vụ con. Trạng thái tính theo ngày dựng trang."
)


def text(key: str, **values: object) -> str:
    """A string of `STRINGS` with its `{name}` places filled: `text("posts_count", n=3)` is "3 bài viết"."""
    return STRINGS[key].format(**values)
