"""The unit's CCHC settings, read once from `extra.cchc` in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..text.vntext import match_key, nfc, slugify
from . import urls
from .errors import Collector
from .fields import Field, Schema
from .values import BAD_FLAG, parse_flag, unknown_key_message

CONFIG_FILE = "mkdocs.yml"
SECTION_MESSAGE = (
    "Đường dẫn của chuyên mục chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ: cchc, cai-cach-hanh-chinh)."
)
# Who sets the quota when no plan of the year does: the province.
PROVINCE_RULE = "Theo quy định của Cổng TTĐT CCHC tỉnh"


@dataclass(frozen=True)
class Area:
    """One of the CCHC areas (lĩnh vực) that posts are filed under."""

    key: str
    label: str


DEFAULT_AREAS: tuple[Area, ...] = (
    Area("chi-dao-dieu-hanh", "Công tác chỉ đạo, điều hành"),
    Area("the-che", "Cải cách thể chế"),
    Area("thu-tuc-hanh-chinh", "Cải cách thủ tục hành chính"),
    Area("to-chuc-bo-may", "Cải cách tổ chức bộ máy"),
    Area("cong-vu", "Cải cách chế độ công vụ"),
    Area("tai-chinh-cong", "Cải cách tài chính công"),
    Area("chinh-quyen-so", "Xây dựng chính quyền điện tử, chính quyền số"),
)


@dataclass(frozen=True)
class ImageSettings:
    """`extra.cchc.images`: how post photos are resized and encoded (see README, Images)."""

    max_width: int = 1600  # px; wider photos are scaled down, smaller ones never enlarged
    thumb_width: int = 480  # px; lists, cards and the social-share image
    quality: int = 82  # JPEG and WebP quality, 1-95
    max_megapixels: int = 60  # larger images are refused as decompression bombs

    @property
    def max_pixels(self) -> int:
        return self.max_megapixels * 1_000_000


IMAGES = Schema(
    "images",
    (
        Field(
            "max_width",
            "integer",
            "Chiều rộng tối đa (px)",
            "Ảnh rộng hơn được thu nhỏ lại.",
            default=1600,
            bounds=(320, 8000),
        ),
        Field(
            "thumb_width",
            "integer",
            "Chiều rộng ảnh nhỏ (px)",
            "Ảnh trong danh sách và thẻ chia sẻ.",
            default=480,
            bounds=(64, 2000),
        ),
        Field(
            "quality", "integer", "Chất lượng ảnh", "Từ 1 đến 95; càng cao tệp càng nặng.", default=82, bounds=(1, 95)
        ),
        Field(
            "max_megapixels", "integer", "Số megapixel tối đa", "Ảnh lớn hơn bị từ chối.", default=60, bounds=(1, 500)
        ),
    ),
)


@dataclass(frozen=True)
class Contact:
    """`extra.cchc.contact` (shared/FORMATS.md §5): the unit's footer on every page; every key optional."""

    parent: str = ""  # cơ quan chủ quản
    address: str = ""
    phone: str = ""
    email: str = ""
    hotline: str = ""  # đường dây nóng
    responsible: str = ""  # người chịu trách nhiệm nội dung
    feedback: str = ""  # kênh góp ý: an http(s) or mailto: address

    @property
    def phone_tel(self) -> str:
        return _tel(self.phone)

    @property
    def hotline_tel(self) -> str:
        return _tel(self.hotline)


CONTACT = Schema(
    "contact",
    (
        Field("parent", "text", "Cơ quan chủ quản", "Dòng trên tên đơn vị ở chân trang."),
        Field("address", "text", "Địa chỉ", "Địa chỉ trụ sở."),
        Field("phone", "text", "Điện thoại", 'Đặt trong ngoặc kép để giữ số 0 đầu, ví dụ "0258 3000 000".'),
        Field("email", "text", "Thư điện tử", "Ví dụ ttyt@example.gov.vn."),
        Field("hotline", "text", "Đường dây nóng", 'Đặt trong ngoặc kép, ví dụ "1900 0000".'),
        Field("responsible", "text", "Người chịu trách nhiệm nội dung", "Họ tên và chức vụ."),
        Field("feedback", "text", "Kênh góp ý", "Địa chỉ web (https://…) hoặc mailto:hop-thu@…"),
    ),
)
CONTACT_KEYS = CONTACT.names
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")
_FEEDBACK = re.compile(r"(https?://[^\s<>\"']+|mailto:[^@\s<>\"']+@[^@\s<>\"']+)", re.IGNORECASE)


def _tel(number: str) -> str:
    """A `tel:` address: "0258 3000 000" → tel:02583000000."""
    return "tel:" + re.sub(r"[^0-9+]", "", number) if number else ""


@dataclass(frozen=True)
class PortalQuota:
    """The provincial CCHC portal's quota: `min` to `max` articles a month, sent before `before_day`.

    The province's rule is the site setting `extra.cchc.portal`; a plan's `portal:` overrides it
    for the plan's year. `start` (the setting's `from:`) is the first month the rule applies.
    """

    min: int = 1
    max: int = 3
    before_day: int = 20
    start: tuple[int, int] | None = None  # (year, month)


def quota_range(value: Any) -> tuple[int, int] | None:
    """`per_month` as written (`[1, 3]`, `1-3`, `3`), or None when it cannot be read."""
    parts = value if isinstance(value, list) else re.split(r"\s*[-–,]\s*", str(value).strip())
    numbers = [str(p).strip() for p in parts if p is not None]
    if len(numbers) == 1:
        numbers = ["1", numbers[0]]
    if len(numbers) != 2 or not all(n.isdigit() for n in numbers) or int(numbers[0]) > int(numbers[1]):
        return None
    return int(numbers[0]), int(numbers[1])


PER_MONTH_MESSAGE = "Số bài mỗi tháng (per_month) phải là [tối thiểu, tối đa], ví dụ: per_month: [1, 3]"


# Links to public services (shared/FORMATS.md §5), on the home page and the section's landing page.
@dataclass(frozen=True)
class Link:
    """One link of the `links:` block: its words and its address (https://…)."""

    label: str
    url: str


NATIONAL_PORTAL = Link("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/")
LINK = Schema(
    "link",
    (
        Field("label", "text", "Tên liên kết", "Ví dụ: Cổng Dịch vụ công tỉnh Khánh Hòa.", True),
        Field("url", "text", "Địa chỉ", "Địa chỉ web, bắt đầu bằng https://", True),
    ),
    "{label: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}",
)
_WEB = re.compile(r"https?://[^\s<>\"'/]+\.[^\s<>\"']*", re.IGNORECASE)
# Reception screen (/man-hinh/) and printed notices: issue 17.


@dataclass(frozen=True)
class ScreenSettings:
    """`extra.cchc.screen`: the reception screen's slides (README, "Reception screen")."""

    seconds: int = 12  # each slide, normal mode
    led_seconds: int = 20  # each slide on an LED board (`?che-do=led` or `led: true`): fewer pixels, read slower
    posts: int = 6  # latest posts shown
    areas: tuple[str, ...] = ()  # area keys whose posts are shown; empty: every area
    reload_minutes: int = 10  # the page checks for new posts this often
    led: bool = False  # LED mode by default
    portal_url: str = NATIONAL_PORTAL.url  # the QR code to the national public-service portal


SCREEN = Schema(
    "screen",
    (
        Field(
            "seconds", "integer", "Số giây mỗi trang chiếu", "Thời gian hiện mỗi trang.", default=12, bounds=(4, 120)
        ),
        Field(
            "led_seconds",
            "integer",
            "Số giây mỗi trang chiếu (bảng LED)",
            "Bảng LED ít điểm ảnh: chữ to hơn, chuyển chậm hơn.",
            default=20,
            bounds=(4, 300),
        ),
        Field("posts", "integer", "Số tin, bài", "Số tin, bài mới nhất được chiếu.", default=6, bounds=(1, 20)),
        Field("areas", "strings", "Lĩnh vực", "Chỉ chiếu tin, bài của các lĩnh vực này (mã lĩnh vực).", split=True),
        Field(
            "reload_minutes",
            "integer",
            "Số phút tải lại",
            "Màn hình tự lấy tin, bài mới sau chừng này phút.",
            default=10,
            bounds=(1, 1440),
        ),
        Field("led", "flag", "Chế độ bảng LED", "Ghi có nếu màn hình là bảng LED nhỏ (960×540).", default=False),
        Field("portal_url", "text", "Cổng Dịch vụ công", "Địa chỉ mã QR dẫn tới.", default=NATIONAL_PORTAL.url),
    ),
)


@dataclass(frozen=True)
class Settings:
    unit: str = "Đơn vị"
    site_url: str = ""  # mkdocs.yml `site_url`: feeds and share images need absolute addresses
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    areas: tuple[Area, ...] = DEFAULT_AREAS
    per_page: int = 10
    posts_dir: str = "posts"
    plans_dir: str = "plans"
    section: str = urls.DEFAULT_SECTION  # `extra.cchc.section`: the base path of every URL of the section
    images: ImageSettings = field(default_factory=ImageSettings)
    contact: Contact = field(default_factory=Contact)
    portal: PortalQuota | None = PortalQuota()  # None: the unit sends nothing to the portal
    publish_guide: bool = False  # the editors' guide (docs/huong-dan/) on the public site
    # Procedures and links (shared/FORMATS.md §4, §5).
    procedures_dir: str = "procedures"
    links: tuple[Link, ...] = (NATIONAL_PORTAL,)
    # Reception screen and printed notices (issue 17).
    screen: ScreenSettings = field(default_factory=ScreenSettings)

    def find_area(self, value: str) -> Area | None:
        """Match by key or by label, ignoring case and marks."""
        wanted = match_key(value)
        for area in self.areas:
            if wanted in (match_key(area.key), match_key(area.label)):
                return area
        return None


PORTAL = Schema(
    "portal",
    (
        Field("per_month", "text", "Số bài mỗi tháng", "Tối thiểu và tối đa, ví dụ [1, 3].", default="1-3"),
        Field(
            "before_day", "integer", "Hạn gửi trong tháng", "Gửi trước ngày này mỗi tháng.", default=20, bounds=(1, 31)
        ),
        Field("from", "text", "Áp dụng từ tháng", "Ví dụ 2026-01; để trống là áp dụng từ đầu."),
    ),
    "{per_month: [1, 3], before_day: 20}",
)
SETTINGS = Schema(
    "settings",
    (
        Field("unit", "text", "Tên đơn vị", "Như trên con dấu; để trống là tên trang (site_name)."),
        Field("timezone", "text", "Múi giờ", "Ví dụ Asia/Ho_Chi_Minh.", default="Asia/Ho_Chi_Minh"),
        Field("per_page", "integer", "Số bài mỗi trang", "Số bài trên mỗi trang danh sách.", default=10),
        Field("areas", "list", "Các lĩnh vực CCHC", "Mỗi lĩnh vực có mã (key) và tên (label)."),
        Field("posts_dir", "text", "Thư mục bài viết", "Tính từ thư mục trang.", default="posts"),
        Field("plans_dir", "text", "Thư mục kế hoạch", "Tính từ thư mục trang.", default="plans"),
        Field("images", "group", "Ảnh", "Cỡ và chất lượng ảnh trong bài.", fields=IMAGES),
        Field("contact", "group", "Liên hệ", "Thông tin ở chân mọi trang.", fields=CONTACT),
        Field("portal", "group", "Cổng TTĐT CCHC tỉnh", "Chỉ tiêu gửi bài; ghi false nếu không gửi.", fields=PORTAL),
        Field("publish_guide", "flag", "Đăng hướng dẫn", "Ghi có để đăng hướng dẫn biên tập lên trang.", default=False),
        Field("section", "text", "Đường dẫn chuyên mục", "Chữ thường không dấu, ví dụ cchc.", default="cchc"),
        # Procedures and links (shared/FORMATS.md §4, §5).
        Field("procedures_dir", "text", "Thư mục thủ tục hành chính", "Tính từ thư mục trang.", default="procedures"),
        Field("links", "list", "Liên kết dịch vụ công", "Tên và địa chỉ mỗi cổng dịch vụ công.", fields=LINK),
        # Reception screen and printed notices (issue 17).
        Field("screen", "group", "Màn hình tiếp đón", "Trang /man-hinh/ chiếu ở nơi tiếp đón.", fields=SCREEN),
    ),
)
SETTINGS_KEYS = SETTINGS.keys
PORTAL_KEYS = PORTAL.keys


def read_settings(
    site_name: str, extra: Mapping[str, Any], problems: Collector, site_url: str | None = None
) -> Settings:
    """Validate `extra.cchc`; every mistake is reported with the key to fix."""
    raw = extra.get("cchc") or {}
    if not isinstance(raw, dict):
        problems.error(CONFIG_FILE, "`extra.cchc` phải là một nhóm khóa (mapping).", "extra.cchc")
        return Settings(unit=site_name, site_url=site_url or "")
    kwargs: dict[str, Any] = {"unit": nfc(str(raw.get("unit") or site_name)), "site_url": site_url or ""}
    _read_scalars(raw, kwargs, problems)
    for key in sorted(set(raw) - SETTINGS_KEYS):
        problems.warning(CONFIG_FILE, unknown_key_message(key, SETTINGS_KEYS), f"extra.cchc.{key}")
    if "areas" in raw:
        areas = _read_areas(raw["areas"], problems)
        if areas:
            kwargs["areas"] = areas
    if "images" in raw:
        kwargs["images"] = _read_images(raw["images"], problems)
    if "contact" in raw:
        kwargs["contact"] = _read_contact(raw["contact"], problems)
    if "portal" in raw:
        kwargs["portal"] = _read_portal(raw["portal"], problems)
    if "links" in raw:
        kwargs["links"] = _read_links(raw["links"], problems)
    settings = Settings(**kwargs)
    # Reception screen and printed notices (issue 17): areas named as the unit's own.
    if "screen" in raw:
        settings = replace(settings, screen=_read_screen(raw["screen"], settings, problems))
    return settings


def _read_scalars(raw: dict[str, Any], kwargs: dict[str, Any], problems: Collector) -> None:
    """The one-value settings (time zone, page size, folders, the section's path), into `kwargs`."""
    if "timezone" in raw:
        try:
            kwargs["timezone"] = ZoneInfo(str(raw["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            problems.error(
                CONFIG_FILE,
                f'Múi giờ "{raw["timezone"]}" không tồn tại; ví dụ đúng: Asia/Ho_Chi_Minh.',
                "extra.cchc.timezone",
            )
    if "per_page" in raw:
        per_page = raw["per_page"]
        if isinstance(per_page, int) and per_page > 0:
            kwargs["per_page"] = per_page
        else:
            problems.error(CONFIG_FILE, "Số bài mỗi trang phải là số nguyên dương.", "extra.cchc.per_page")
    if "publish_guide" in raw:
        flag = parse_flag(str(raw["publish_guide"]))
        if flag is None:
            problems.error(CONFIG_FILE, BAD_FLAG.format(value=raw["publish_guide"]), "extra.cchc.publish_guide")
        else:
            kwargs["publish_guide"] = flag
    for key in ("posts_dir", "plans_dir", "procedures_dir"):
        if key in raw:
            kwargs[key] = str(raw[key])
    if "section" in raw:
        if str(raw["section"]) == slugify(str(raw["section"])) != "":
            kwargs["section"] = str(raw["section"])
        else:
            problems.error(CONFIG_FILE, SECTION_MESSAGE, "extra.cchc.section")


def _read_links(value: Any, problems: Collector) -> tuple[Link, ...]:
    """`links: [{label: …, url: https://…}]`; `links: []` shows none, a blank `links:` the national portal."""
    where = "extra.cchc.links"
    if value is None:
        return (NATIONAL_PORTAL,)
    if not isinstance(value, list):
        problems.error(CONFIG_FILE, f"`{where}` phải là một danh sách, mỗi mục như {LINK.example}.", where)
        return (NATIONAL_PORTAL,)
    links: list[Link] = []
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            problems.error(CONFIG_FILE, f"Mỗi liên kết phải là một nhóm khóa, ví dụ {LINK.example}.", at)
            continue
        for key in sorted(set(item) - LINK.keys, key=str):
            problems.warning(CONFIG_FILE, unknown_key_message(str(key), LINK.keys), f"{at}.{key}")
        label, url = item.get("label"), item.get("url")
        if not isinstance(label, str) or not label.strip():
            problems.error(CONFIG_FILE, f"Liên kết thứ {i + 1} thiếu tên (label).", f"{at}.label")
        if not isinstance(url, str) or not _WEB.fullmatch(url.strip()):
            problems.error(
                CONFIG_FILE, f'Liên kết thứ {i + 1}: "{url or ""}" không phải địa chỉ web (https://…).', f"{at}.url"
            )
        elif isinstance(label, str) and label.strip():
            links.append(Link(nfc(" ".join(label.split())), url.strip()))
    return tuple(links)


def _read_contact(value: Any, problems: Collector) -> Contact:
    if value is None:
        return Contact()
    if not isinstance(value, dict):
        problems.error(CONFIG_FILE, "`extra.cchc.contact` phải là một nhóm khóa (mapping).", "extra.cchc.contact")
        return Contact()
    kwargs: dict[str, str] = {}
    for key, text in value.items():
        where = f"extra.cchc.contact.{key}"
        if key not in CONTACT_KEYS:
            problems.warning(CONFIG_FILE, unknown_key_message(str(key), CONTACT_KEYS), where)
            continue
        if text is None or text == "":
            continue
        if not isinstance(text, str):
            # `phone: 02583000000` reads as a number and loses its leading 0.
            problems.error(CONFIG_FILE, f'`{key}` phải là chữ; hãy đặt trong dấu ngoặc kép, ví dụ: "{text}".', where)
            continue
        text = nfc(" ".join(text.split()))
        if key == "email" and not _EMAIL.fullmatch(text):
            problems.error(
                CONFIG_FILE, f'"{text}" không phải địa chỉ thư điện tử; ví dụ đúng: ttyt@example.gov.vn.', where
            )
            continue
        if key == "feedback" and not _FEEDBACK.fullmatch(text):
            problems.error(
                CONFIG_FILE,
                f'"{text}" không phải địa chỉ góp ý hợp lệ; dùng địa chỉ web (https://…) hoặc mailto:hop-thu@….',
                where,
            )
            continue
        kwargs[key] = text
    return Contact(**kwargs)


def _read_portal(value: Any, problems: Collector) -> PortalQuota | None:
    """`portal: false`, or `{per_month: [1, 3], before_day: 20, from: 2026-01}`."""
    if value is False or (isinstance(value, str) and match_key(value) in ("false", "khong", "no", "tat")):
        return None
    where = "extra.cchc.portal"
    if not isinstance(value, dict):
        problems.error(
            CONFIG_FILE,
            "`extra.cchc.portal` phải là `false` (đơn vị không gửi bài Cổng TTĐT CCHC tỉnh) hoặc một nhóm khóa, "
            "ví dụ {per_month: [1, 3], before_day: 20}.",
            where,
        )
        return PortalQuota()
    quota = PortalQuota()
    for key in sorted(set(value) - PORTAL_KEYS, key=str):
        problems.warning(CONFIG_FILE, unknown_key_message(str(key), PORTAL_KEYS), f"{where}.{key}")
    low, high = quota.min, quota.max
    if "per_month" in value:
        numbers = quota_range(value["per_month"])
        if numbers is None:
            problems.error(CONFIG_FILE, PER_MONTH_MESSAGE, f"{where}.per_month")
        else:
            low, high = numbers
    before = value.get("before_day", quota.before_day)
    if isinstance(before, bool) or not isinstance(before, int) or not 1 <= before <= 31:
        problems.error(CONFIG_FILE, "Hạn gửi trong tháng (before_day) phải là số từ 1 đến 31.", f"{where}.before_day")
        before = quota.before_day
    start = _month(value["from"]) if value.get("from") is not None else None
    if value.get("from") is not None and start is None:
        problems.error(CONFIG_FILE, "Tháng bắt đầu áp dụng (from) phải viết như 2026-01 hoặc 01/2026.", f"{where}.from")
    return PortalQuota(low, high, before, start)


def _month(value: Any) -> tuple[int, int] | None:
    """`2026-01`, `2026-01-15` (YAML reads it as a date) or `01/2026`, as (year, month)."""
    text = str(value).strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(2))
    year, month = (first, second) if first > 12 else (second, first)
    return (year, month) if 1 <= month <= 12 else None


def _read_images(value: Any, problems: Collector) -> ImageSettings:
    if not isinstance(value, dict):
        problems.error(CONFIG_FILE, "`extra.cchc.images` phải là một nhóm khóa (mapping).", "extra.cchc.images")
        return ImageSettings()
    kwargs: dict[str, int] = {}
    for key, number in value.items():
        where = f"extra.cchc.images.{key}"
        if key not in IMAGES.keys:
            problems.warning(
                CONFIG_FILE, f"Khóa `{key}` không được hỗ trợ; các khóa hợp lệ: {', '.join(IMAGES.names)}.", where
            )
            continue
        low, high = IMAGES[key].bounds or (0, 0)  # every image field declares its bounds
        if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
            problems.error(CONFIG_FILE, f"`{key}` phải là số nguyên từ {low} đến {high}.", where)
            continue
        kwargs[key] = number
    images = ImageSettings(**kwargs)
    if images.thumb_width > images.max_width:
        problems.error(
            CONFIG_FILE, "`thumb_width` (ảnh nhỏ) không được lớn hơn `max_width`.", "extra.cchc.images.thumb_width"
        )
        return ImageSettings()
    return images


def _read_areas(value: Any, problems: Collector) -> tuple[Area, ...]:
    if not isinstance(value, list) or not value:
        problems.error(CONFIG_FILE, "Danh sách lĩnh vực phải có ít nhất một mục {key, label}.", "extra.cchc.areas")
        return ()
    areas: list[Area] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"label": item}
        if not isinstance(item, dict) or not item.get("label"):
            problems.error(CONFIG_FILE, f"Lĩnh vực thứ {i + 1} thiếu `label`.", "extra.cchc.areas")
            continue
        label = nfc(str(item["label"]))
        area = Area(slugify(str(item.get("key") or label)), label)
        if any(a.key == area.key for a in areas):  # one page per key: the second would replace the first
            problems.error(
                CONFIG_FILE, f'Hai lĩnh vực cùng mã "{area.key}"; mỗi lĩnh vực cần một mã riêng.', "extra.cchc.areas"
            )
            continue
        areas.append(area)
    return tuple(areas)


# Reception screen and printed notices (issue 17).
def _read_screen(value: Any, settings: Settings, problems: Collector) -> ScreenSettings:
    where = "extra.cchc.screen"
    if value is None:
        return ScreenSettings()
    if not isinstance(value, dict):
        problems.error(CONFIG_FILE, f"`{where}` phải là một nhóm khóa, ví dụ {{seconds: 12, posts: 6}}.", where)
        return ScreenSettings()
    kwargs: dict[str, Any] = {}
    for key in sorted(set(value) - SCREEN.keys, key=str):
        problems.warning(CONFIG_FILE, unknown_key_message(str(key), SCREEN.names), f"{where}.{key}")
    for key in ("seconds", "led_seconds", "posts", "reload_minutes"):
        number = value.get(key)
        low, high = SCREEN[key].bounds or (0, 0)  # every integer field declares its bounds
        if key not in value:
            continue
        if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
            problems.error(CONFIG_FILE, f"`{key}` phải là số nguyên từ {low} đến {high}.", f"{where}.{key}")
            continue
        kwargs[key] = number
    if "led" in value:
        flag = parse_flag(str(value["led"]))
        if flag is None:
            problems.error(CONFIG_FILE, BAD_FLAG.format(value=value["led"]), f"{where}.led")
        else:
            kwargs["led"] = flag
    if value.get("portal_url") is not None:
        url = str(value["portal_url"]).strip()
        if re.fullmatch(r"https?://[^\s<>\"']+", url):
            kwargs["portal_url"] = url
        else:
            problems.error(CONFIG_FILE, f'"{url}" không phải địa chỉ web (https://…).', f"{where}.portal_url")
    kwargs["areas"] = _screen_areas(value.get("areas"), settings, problems, f"{where}.areas")
    return ScreenSettings(**kwargs)


def _screen_areas(value: Any, settings: Settings, problems: Collector, where: str) -> tuple[str, ...]:
    """Area keys, written as keys or labels, one text or a list."""
    if value is None or value == "":
        return ()
    written = value if isinstance(value, list) else str(value).split(",")
    keys: list[str] = []
    for item in (str(w).strip() for w in written):
        area = settings.find_area(item)
        if area is None:
            known = ", ".join(a.key for a in settings.areas)
            problems.error(CONFIG_FILE, f'Không có lĩnh vực "{item}"; các mã lĩnh vực: {known}.', where)
        elif area.key not in keys:
            keys.append(area.key)
    return tuple(keys)
