"""Vietnamese UI strings of the section's templates, in one place."""

STRINGS: dict[str, str] = {
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
    "plan_report_total": "Tổng số tin, bài đăng trong kỳ",
    "plan_report_by_task": "Bài viết theo nhiệm vụ",
    "plan_report_empty_tasks": "{n} nhiệm vụ chưa có bài viết trong kỳ",
    "plan_report_by_area": "Theo lĩnh vực",
    "plan_report_by_department": "Theo đơn vị viết bài",
    "plan_report_portal": "Bài gửi Cổng thông tin CCHC tỉnh",
    "plan_portal": "Gửi bài cho Cổng thông tin CCHC tỉnh",
    "plan_portal_quota": (
        "Chỉ tiêu: {min}–{max} bài mỗi tháng, gửi trước ngày {day}; bài đăng từ ngày {day} được tính cho tháng sau."
    ),
    "plan_portal_met": "đạt",
    "plan_portal_short": "thiếu",
    "plan_portal_over": "vượt",
    "plan_portal_open": "chưa đủ",
    "plan_tasks_count": "{n} nhiệm vụ",
    "plan_none": "Chưa có kế hoạch nào.",
}

# What each status means: the plan page's legend (kept in step with `cchc.progress`).
STATUS_HELP: dict[str, str] = {
    "Hoàn thành": (
        "Nhiệm vụ đã có đủ bài viết báo cáo kết quả (mặc định 1 bài; hoặc số bài ghi ở `expects`). "
        "Nhiệm vụ theo kỳ (hằng tháng, hằng quý, nhiều hạn) chỉ hoàn thành khi mọi kỳ của kế hoạch đều đủ bài."
    ),
    "Đang thực hiện": ("Chưa đến hạn, hoặc kỳ vừa qua đã đạt; con số “7/10 tháng” là số kỳ đạt trên số kỳ đã qua hạn."),
    "Sắp đến hạn": "Hạn gần nhất còn trong vòng 14 ngày mà chưa có đủ bài viết.",
    "Quá hạn": (
        "Hạn gần nhất đã qua mà chưa có đủ bài viết. Nhiệm vụ không ghi lịch có hạn là ngày 31/12 của năm kế hoạch."
    ),
    "Thường xuyên": (
        "Nhiệm vụ thực hiện thường xuyên, không có hạn riêng; "
        "được đánh giá (hoàn thành hoặc quá hạn) khi hết năm kế hoạch."
    ),
}
STATUS_HELP_NOTE = (
    "Bài viết được tính cho nhiệm vụ khi có `plan` là mã kế hoạch này và `tasks` ghi số thứ tự nhiệm vụ. "
    "Nhiệm vụ có nhiệm vụ con lấy trạng thái cần chú ý nhất của các nhiệm vụ con. Trạng thái tính theo ngày dựng trang."
)
