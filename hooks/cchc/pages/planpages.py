"""Which plan pages the section has: one per plan, and the plans index.

A page is plain data (URL, title, template, the plan's progress); the MkDocs
adapter turns each into a generated page. A plan's body sections are the page's
Markdown, so MkDocs renders them with the site's extensions and search finds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import urls
from ..config.urls import Crumb
from ..model.planheading import dateline, issued_text, title_lines
from ..model.progress import PlanProgress, Status
from ..text.ui import STATUS_HELP, STATUS_HELP_NOTE, STRINGS, text
from .frontmatter import FrontValue, front_matter
from .pages import section_crumbs


@dataclass(frozen=True)
class PlansIndex:
    """The plans of every year, newest year first, with their progress."""

    url: str
    years: tuple[tuple[int, tuple[PlanProgress, ...]], ...]
    breadcrumb: tuple[Crumb, ...]
    title: str = STRINGS["plans_title"]
    template: str = "cchc/plans.html"

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class PlanPage:
    """One plan, laid out like the document, with its progress."""

    progress: PlanProgress
    breadcrumb: tuple[Crumb, ...]
    template: str = "cchc/plan.html"

    @property
    def url(self) -> str:
        return self.progress.plan.url

    @property
    def title(self) -> str:
        return self.progress.plan.title

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def heading(self) -> tuple[str, str]:
        return title_lines(self.progress.plan)

    @property
    def dateline(self) -> str:
        return dateline(self.progress.plan)

    @property
    def issued_text(self) -> str:
        return issued_text(self.progress.plan)

    @property
    def legend(self) -> tuple[tuple[Status, str], ...]:
        """The statuses and how each is decided, for the page's legend."""
        return tuple((status, STATUS_HELP[status.value]) for status in Status)

    @property
    def legend_note(self) -> str:
        return STATUS_HELP_NOTE


def plan_pages(progress: list[PlanProgress], section: str) -> list[PlansIndex | PlanPage]:
    """The index, and a page per plan (none when there are no plans)."""
    if not progress:
        return []
    crumbs = section_crumbs(section, Crumb(STRINGS["plans"], urls.plans(section)))
    pages = [PlanPage(p, crumbs) for p in progress]
    years: dict[int, list[PlanProgress]] = {}
    for item in progress:  # already newest year first
        years.setdefault(item.plan.year, []).append(item)
    by_year = tuple((year, tuple(items)) for year, items in years.items())
    return [PlansIndex(urls.plans(section), by_year, section_crumbs(section)), *pages]


def page_source(page: PlansIndex | PlanPage) -> str:
    """Front matter naming the template; a plan's sections as the Markdown body."""
    meta: dict[str, FrontValue] = {"title": page.title, "template": page.template}
    body = ""
    if isinstance(page, PlanPage):
        plan = page.progress.plan
        meta["hide"] = ["navigation", "toc"]  # the Phụ lục table needs the page's full width
        meta["description"] = text("plan_description", title=plan.title, issuer=plan.issuer)
        body = "\n\n".join(_section_markdown(s.heading, s.body) for s in plan.sections)
    else:
        meta["search"] = {"exclude": True}
    return f"{front_matter(meta)}\n{body}\n"


def _section_markdown(heading: str | None, body: str) -> str:
    parts = [f"## {heading}"] if heading else []
    if body:
        parts.append(body)
    return "\n\n".join(parts)
