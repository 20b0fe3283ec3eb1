"""The calendar's pages: its home, one per year, one per month, typed for the templates."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import urls
from ..config.urls import Crumb
from ..model.calendars import Calendar, MonthGrid, YearView
from ..text.ui import STRINGS, text
from .listings import Listing
from .pages import calendar_crumbs, section_crumbs


@dataclass(frozen=True, kw_only=True)
class CalendarPage(Listing):
    """The calendar's home (this month, every year, the subscribable deadlines); the base of the others."""

    calendar: Calendar


@dataclass(frozen=True, kw_only=True)
class CalendarYear(CalendarPage):
    view: YearView  # the twelve months of one year


@dataclass(frozen=True, kw_only=True)
class CalendarMonth(CalendarPage):
    grid: MonthGrid  # one month, day by day


def calendar_listings(cal: Calendar) -> list[Listing]:
    """The calendar's pages: its home, one per year, one per month."""
    pages: list[Listing] = [
        CalendarPage(
            urls.calendar(cal.section),
            STRINGS["calendar_title"],
            template="cchc/calendar.html",
            description=STRINGS["calendar_description"],
            breadcrumb=section_crumbs(cal.section),
            calendar=cal,
        )
    ]
    pages += [_year_page(cal, view) for _, view in sorted(cal.years.items())]
    pages += [_month_page(cal, grid) for grid in cal.grids.values()]
    return pages


_WIDE = ("navigation", "toc")  # Material's sidebars hidden: a year's twelve months need the width


def _year_page(cal: Calendar, view: YearView) -> CalendarYear:
    return CalendarYear(
        view.url,
        text("calendar_year_title", year=view.year),
        template="cchc/calendar_year.html",
        hide=_WIDE,
        description=text("calendar_year_description", year=view.year),
        breadcrumb=calendar_crumbs(cal.section),
        calendar=cal,
        view=view,
    )


def _month_page(cal: Calendar, grid: MonthGrid) -> CalendarMonth:
    year = Crumb(text("year_name", year=grid.year), urls.calendar_year(cal.section, grid.year))
    return CalendarMonth(
        grid.url,
        text("calendar_month_title", month=grid.caption.lower()),
        template="cchc/calendar_month.html",
        description=text("calendar_month_description", month=grid.caption.lower()),
        hide=_WIDE,
        breadcrumb=calendar_crumbs(cal.section, year),
        calendar=cal,
        grid=grid,
    )
