"""The web editor's `config.yml`, made from our field declarations when `cchc serve` starts.

Decap CMS reads one schema of collections and fields. Ours already exists: the
`Field`s of `readers/posts.py` (labels, help, required), the unit's areas from the
settings, the plans read by `readers/plans.py`. This module only says which Decap
widget shows each kind of value; nothing of the schema is written a second time.
"""

from __future__ import annotations

from collections.abc import Callable

from ..config.fields import Field
from ..config.settings import Settings
from ..readers.plans import Plan
from ..readers.posts import POST

Json = str | int | bool | None | list["Json"] | dict[str, "Json"]

EDITOR_PATH = "/quan-tri/"  # served by `cchc serve` only, never part of a build
API_PATH = EDITOR_PATH + "api/v1"  # Decap's proxy backend protocol (what decap-server speaks)
PLAN_WIDGET = "cchc-ke-hoach"  # our widgets (editor/cchc-editor.js): a plan,
TASKS_WIDGET = "cchc-nhiem-vu"  # and the chosen plan's tasks
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # stored as typed, no offset: FORMATS §1 reads it in the unit's time zone

# The post keys the editor shows, in the order of the form (FORMATS §1).
POST_FIELDS = (
    "title",
    "date",
    "categories",
    "summary",
    "image",
    "image_alt",
    "authors",
    "department",
    "tags",
    "plan",
    "tasks",
    "portal",
    "draft",
)
BODY_LABEL = "Nội dung bài viết"
BODY_HINT = "Gõ như trong Word; nút Ảnh chèn ảnh vào giữa bài (ảnh được lưu cạnh tệp bài viết)."

# Which Decap widget shows each kind of value.
_WIDGETS = {"text": "string", "block": "text", "strings": "list", "flag": "boolean", "datetime": "datetime"}


def editor_config(settings: Settings, plans: list[Plan]) -> dict[str, Json]:
    """The whole configuration: the proxy backend on our own server, the `vi` locale, one collection per kind."""
    return {
        "backend": {"name": "proxy", "proxy_url": API_PATH, "branch": "main"},
        "locale": "vi",
        "site_url": "/",
        "display_url": "/",
        "media_folder": settings.posts_dir,
        "public_folder": "",
        # ASCII file names; the server still names a new post from our own slug (text/vntext.py).
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "omit_empty_optional_fields": True,
        "collections": [posts_collection(settings, plans)],
    }


def posts_collection(settings: Settings, plans: list[Plan]) -> dict[str, Json]:
    shown = [name for name in POST_FIELDS if plans or name not in ("plan", "tasks")]  # no plan: nothing to pick
    fields: list[Json] = [post_field(POST[name], settings, plans) for name in shown]
    fields.append({"name": "body", "label": BODY_LABEL, "hint": BODY_HINT, "widget": "markdown", "required": False})
    return {
        "name": "posts",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "folder": settings.posts_dir,
        "path": "{{year}}/{{month}}/{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # files are removed by hand, never by a click (and the server refuses)
        "media_folder": "",  # images beside the post, named relative to it
        "public_folder": "",
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [{"label": POST["draft"].label, "field": "draft", "pattern": True}],
        "fields": fields,
    }


def post_field(field: Field, settings: Settings, plans: list[Plan]) -> dict[str, Json]:
    """One form field: label, help and required from the declaration, the widget from its kind."""
    base: dict[str, Json] = {"name": field.name, "label": field.label, "hint": field.help}
    base["required"] = field.required
    special: dict[str, Callable[[], dict[str, Json]]] = {
        "date": lambda: _date(settings),
        "categories": lambda: _areas(settings),
        "summary": lambda: {"widget": "text"},
        "image": lambda: {"widget": "image", "choose_url": False},
        "plan": lambda: _plans(plans),
        "tasks": lambda: _tasks(plans),
    }
    extra: dict[str, Json] = special[field.name]() if field.name in special else {"widget": _WIDGETS[field.kind]}
    if field.kind == "flag":
        extra["default"] = bool(field.default)
    return {**base, **extra}


def _date(settings: Settings) -> dict[str, Json]:
    zone = settings.timezone.key
    return {
        "widget": "datetime",
        "format": DATE_FORMAT,
        "date_format": "DD/MM/YYYY",
        "time_format": "HH:mm",
        "hint": f"{POST['date'].help} Giờ theo múi giờ của đơn vị ({zone}).",
    }


def _areas(settings: Settings) -> dict[str, Json]:
    options: list[Json] = [{"label": area.label, "value": area.key} for area in settings.areas]
    return {"widget": "select", "multiple": True, "min": 1, "options": options}


def _plans(plans: list[Plan]) -> dict[str, Json]:
    options: list[Json] = [{"label": f"{plan.title} ({plan.id})", "value": plan.id} for plan in plans]
    return {"widget": PLAN_WIDGET, "options": options}


def _tasks(plans: list[Plan]) -> dict[str, Json]:
    """Every plan's tasks by STT and title; the widget shows those of the plan chosen above it."""
    by_plan: dict[str, Json] = {}
    for plan in plans:
        by_plan[plan.id] = [
            {"stt": task.stt, "title": task.title, "level": task.stt.count(".")} for task in plan.all_tasks()
        ]
    return {"widget": TASKS_WIDGET, "plans": by_plan}
