"""The geometry of the pages' pictures: a claim's status timeline, an actor's scorecard and a
topic's year-by-year timeline.

Everything is computed here, in SVG user units, from records the views have already loaded (no
query runs); the templates in ``templates/includes/pictures/`` only draw it. Each picture keeps
its meaning out of colour alone: status bands carry the status's icon and word, marks sit in
lanes named in words, and counts are written out. Each also gives the rows of the table shown
under it ("Show as a table"), built from the same objects, so picture and table cannot disagree.

Dates are as precise as their sources: a month or a year is drawn as the range of days it may
mean, and a statement known only to be "not after" a day as a range that ends at that day and
is open towards the past.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claimtracker.claims.dates import PartialDate, describe_date
from claimtracker.claims.models import ClaimStatus
from claimtracker.claims.models.claims import status_label

# The claim timeline's width; CSS scales each picture to the column (viewBox, width 100%).
# The scorecard and the topic's years are narrower, so their words stay legible on a phone.
WIDTH = 480
# Roughly how wide a character of the pictures' bold 13-unit text is, to tell if a label fits.
CHAR_WIDTH = 8.2
ICON = 16


# --- A time axis ---


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool  # a year's first day (labelled with the year), or a month's

    @property
    def anchor(self) -> str:
        # Labels at either end stay inside the picture.
        if self.x < 16:
            return "start"
        return "end" if self.x > WIDTH - 16 else "middle"


@dataclass(frozen=True)
class TimeAxis:
    """Days from ``start`` to ``end`` mapped onto ``left``..``right``."""

    start: datetime.date
    end: datetime.date
    left: float = 0
    right: float = WIDTH

    def x(self, day: datetime.date) -> float:
        span = max((self.end - self.start).days, 1)
        day = min(max(day, self.start), self.end)
        return round(self.left + (self.right - self.left) * (day - self.start).days / span, 1)

    def ticks(self) -> list[Tick]:
        """Each year's first day labelled with its year; months as small ticks, labelled with
        their short name every three months while the axis covers under three years."""
        years = self.end.year - self.start.year
        ticks = []
        month = datetime.date(self.start.year, self.start.month, 1)
        while month <= self.end:
            if month >= self.start:
                if month.month == 1:
                    ticks.append(Tick(self.x(month), str(month.year), major=True))
                elif years < 3:
                    label = str(MONTHS_3[month.month]).title() if month.month % 3 == 1 else ""
                    ticks.append(Tick(self.x(month), label, major=False))
            month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return ticks


def _axis_around(days: Iterable[datetime.date]) -> TimeAxis:
    """From 1 January of the first year to some room past the last day (a status holds on after
    the last date on record: the room shows that), ending on a month's first day."""
    known = sorted(days)
    first, last = known[0], known[-1]
    start = datetime.date(first.year, 1, 1)
    room = max((last - start).days * 0.35, 90)
    end = last + datetime.timedelta(days=room)
    end = datetime.date(end.year + end.month // 12, end.month % 12 + 1, 1)
    return TimeAxis(start, end)


# --- A claim's status timeline ---


@dataclass(frozen=True)
class Band:
    """How long the claim held one status."""

    status: str  # "" before its first assessment
    label: str
    since: datetime.date | None  # None: from the start of the axis
    until: datetime.date | None  # None: it still holds
    x: float
    width: float
    # Whether the word fits inside the band; the icon always shows (when the band has room).
    shows_word: bool
    shows_icon: bool

    @property
    def text(self) -> str:
        # Each date in the case its phrase needs: Kazakh puts the date first, in the ablative
        # before "since" and the dative before "until" (docs/i18n.md).
        since = PartialDate.from_date(self.since).humanize_from() if self.since else None
        until = PartialDate.from_date(self.until).humanize_until() if self.until else None
        if since and until:
            return _("%(status)s from %(since)s until %(until)s") % {
                "status": self.label,
                "since": since,
                "until": until,
            }
        if since:
            return _("%(status)s since %(day)s") % {"status": self.label, "day": since}
        if until:
            return _("%(status)s until %(day)s") % {"status": self.label, "day": until}
        return self.label

    @property
    def icon_x(self) -> float:
        return self.x + 4

    @property
    def text_x(self) -> float:
        return self.x + 6 + (ICON + 2 if self.shows_icon else 0)


@dataclass(frozen=True)
class Mark:
    """Records of one kind that share a date: drawn once, with their count."""

    kind: str  # "statement", "evidence" or "status_change"
    when: str  # in words, as the records' pages give it
    count: int
    x: float
    x2: float  # == x for a day; the range of days for a month or a year, or up to a bound
    # "day", "range" (a month or a year) or "bound" (undated, said not after x2)
    shape: str
    status: str = ""  # a status change's new status

    @property
    def width(self) -> float:
        return round(self.x2 - self.x, 1)

    @property
    def status_label(self) -> str:
        return status_label(self.status) if self.status else ""

    @property
    def count_x(self) -> float:
        return self.x2 + 7 if self.x2 < WIDTH - 30 else self.x - 7

    @property
    def count_anchor(self) -> str:
        return "start" if self.x2 < WIDTH - 30 else "end"


@dataclass(frozen=True)
class Lane:
    kind: str
    label: str
    y: float  # of its marks' middle
    marks: list[Mark]

    @property
    def total(self) -> int:
        return sum(mark.count for mark in self.marks)

    @property
    def label_y(self) -> float:
        return self.y - 12


BAND_HEIGHT = 30
OPEN_ROOM = datetime.timedelta(days=365)
LANE_GAP = 40


@dataclass(frozen=True)
class ClaimTimeline:
    axis: TimeAxis
    bands: list[Band]
    lanes: list[Lane]
    # Records whose source gives neither a date nor a bound: counted, not placed.
    unplaced: int
    band_height: float = BAND_HEIGHT

    @property
    def axis_y(self) -> float:
        return self.lanes[-1].y + 24

    @property
    def height(self) -> float:
        return self.axis_y + 34

    @property
    def current(self) -> Band:
        return self.bands[-1]

    @property
    def has_bounds(self) -> bool:
        return any(mark.shape == "bound" for lane in self.lanes for mark in lane.marks)

    @property
    def has_ranges(self) -> bool:
        return any(mark.shape == "range" for lane in self.lanes for mark in lane.marks)

    @property
    def statuses(self) -> list[str]:
        return [band.label for band in self.bands]

    def description(self) -> str:
        parts = [band.text for band in self.bands]
        parts += [
            _("%(kind)s: %(count)d") % {"kind": lane.label, "count": lane.total}
            for lane in self.lanes
        ]
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class _Dated:
    kind: str
    when: str
    earliest: datetime.date | None
    latest: datetime.date | None
    bound_only: bool
    status: str = ""


def _dated(
    kind: str,
    value: PartialDate | None,
    wording: str = "",
    not_after: datetime.date | None = None,
    status: str = "",
) -> _Dated:
    when = describe_date(value, wording, not_after)
    if value is not None:
        return _Dated(kind, when, value.earliest(), value.latest(), False, status)
    return _Dated(kind, when, None, not_after, not_after is not None, status)


def claim_timeline(
    statements: Sequence[Any], evidence_links: Sequence[Any], history: Sequence[Any]
) -> ClaimTimeline | None:
    """The picture of a claim's page from what it prefetched: ``history`` newest first, as the
    page lists it. None when nothing on record has a date to place."""
    changes = sorted(history, key=lambda change: (change.as_of.sort_key(), change.recorded_at))
    items = [
        *(
            _dated("statement", s.stated_on, s.stated_on_wording, s.stated_not_after)
            for s in statements
        ),
        *(
            _dated(
                "evidence",
                link.evidence.occurred_on,
                link.evidence.occurred_on_wording,
                link.evidence.occurred_not_after,
            )
            for link in evidence_links
        ),
        *(_dated("status_change", c.as_of, status=c.new_status) for c in changes),
    ]
    days = [day for item in items for day in (item.earliest, item.latest) if day]
    # A date known only as "not after" is open towards the past: leave it a year of room to
    # show that, rather than have it seem to start where the axis does.
    days += [item.latest - OPEN_ROOM for item in items if item.bound_only and item.latest]
    if not days:
        return None
    axis = _axis_around(days)

    # The bands: not assessed until the first change, then each status until the next one.
    starts: list[tuple[str, datetime.date | None]] = [("", None)]
    starts += [(c.new_status, c.as_of.earliest()) for c in changes]
    bands = []
    for i, (status, since) in enumerate(starts):
        until = starts[i + 1][1] if i + 1 < len(starts) else None
        x = axis.x(since) if since else axis.left
        x2 = axis.x(until) if until else axis.right
        width = round(max(x2 - x, 0), 1)
        label = status_label(status)
        shows_icon = width >= ICON + 8
        bands.append(
            Band(
                status=status,
                label=label,
                since=since,
                until=until,
                x=x,
                width=width,
                shows_word=width >= ICON + 14 + CHAR_WIDTH * len(label),
                shows_icon=shows_icon,
            )
        )
    if changes:
        # "Not assessed" before the first assessment says only what the record says; a band
        # too narrow to draw would only clutter.
        bands = [band for band in bands if band.width > 0 or band is bands[-1]]

    lanes = []
    names = {
        "statement": _("Statements"),
        "evidence": _("Evidence"),
        "status_change": _("Status changes"),
    }
    unplaced = 0
    for n, kind in enumerate(names):
        groups: Counter[_Dated] = Counter()
        for item in items:
            if item.kind != kind:
                continue
            if item.latest is None:
                unplaced += 1
            else:
                groups[item] += 1
        marks = []
        for item, count in sorted(groups.items(), key=lambda pair: (pair[0].latest, pair[0].when)):
            last = item.latest or axis.end  # grouped items all have one (see above)
            if item.bound_only or item.earliest is None:
                x, shape = axis.left, "bound"
            elif item.earliest == last:
                x, shape = axis.x(last), "day"
            else:
                x, shape = axis.x(item.earliest), "range"
            marks.append(Mark(kind, item.when, count, x, axis.x(last), shape, item.status))
        y = BAND_HEIGHT + 34 + n * LANE_GAP
        lanes.append(Lane(kind, names[kind], y, marks))
    return ClaimTimeline(axis=axis, bands=bands, lanes=lanes, unplaced=unplaced)


# --- An actor's scorecard ---


@dataclass(frozen=True)
class ScoreBar:
    status: str
    label: str
    count: int
    y: float
    width: float

    @property
    def text_x(self) -> float:
        return SCORE_LABEL_X + self.width + 6 + ICON + 4

    @property
    def icon_x(self) -> float:
        return SCORE_LABEL_X + self.width + 6


@dataclass(frozen=True)
class ScoreYear:
    """Claims asserted in one year's statements (or in undated ones), by status."""

    label: str  # "2022", or "No date given"
    year: int | None
    claims: int
    assessed: int
    counts: list[tuple[str, str, int]]  # (status, label, count) for every status, zeros too
    y: float
    bars: list[ScoreBar] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return ngettext(
            "%(year)s: %(assessed)d of %(claims)d claim assessed",
            "%(year)s: %(assessed)d of %(claims)d claims assessed",
            self.claims,
        ) % {"year": self.label, "assessed": self.assessed, "claims": self.claims}


# Bars start after a small indent under each year's heading and leave room for their labels.
SCORE_WIDTH = 320
SCORE_LABEL_X = 8
SCORE_BAR_ROOM = 130
SCORE_ROW = 22


@dataclass(frozen=True)
class Scorecard:
    years: list[ScoreYear]
    height: float
    # Distinct claims over all the years: what the tally counts (a claim asserted in two
    # years shows under both).
    totals: list[tuple[str, str, int]]
    total: int
    width: int = SCORE_WIDTH

    @property
    def assessed(self) -> int:
        return sum(count for status, _label, count in self.totals if status)

    def description(self) -> str:
        return " ".join(
            year.heading
            + (
                " ("
                + ", ".join(f"{label} {count}" for _status, label, count in year.counts if count)
                + ")."
                if year.claims
                else "."
            )
            for year in self.years
        )


def actor_scorecard(
    per_year: dict[int | None, dict[str, int]], totals: dict[str, int]
) -> Scorecard | None:
    """The scorecard from counts, never from rows: ``per_year`` maps each year of the actor's
    statements (None: undated) to its published claims per status ("" for none yet), as
    ``selectors.actor_tally``'s ``per_year`` gives them; ``totals`` counts each claim once, as the
    actor's tally does. None when no statement in the range asserts a claim."""
    if not any(sum(counts.values()) for counts in per_year.values()):
        return None
    statuses = [(status.value, str(status.label)) for status in ClaimStatus]
    statuses.append(("", status_label("")))

    def counts(tally: dict[str, int]) -> list[tuple[str, str, int]]:
        return [(status, label, tally.get(status, 0)) for status, label in statuses]

    most = max(sum(counts.values()) for counts in per_year.values())
    years = []
    y = 0.0
    order = sorted(year for year in per_year if year is not None) + (
        [None] if None in per_year else []
    )
    for year in order:
        row_counts = counts(per_year[year])
        bars = []
        bar_y = y + 26
        for status, label, count in row_counts:
            if count:
                width = round(SCORE_BAR_ROOM * count / most, 1)
                bars.append(ScoreBar(status, label, count, bar_y, width))
                bar_y += SCORE_ROW
        years.append(
            ScoreYear(
                label=str(year) if year is not None else _("No date given"),
                year=year,
                claims=sum(count for _status, _label, count in row_counts),
                assessed=sum(count for status, _label, count in row_counts if status),
                counts=row_counts,
                y=y,
                bars=bars,
            )
        )
        y = bar_y + 14
    return Scorecard(years=years, height=y, totals=counts(totals), total=sum(totals.values()))


# --- A topic's timeline by year ---


@dataclass(frozen=True)
class YearCount:
    kind: str
    count: int
    x: float
    y: float

    @property
    def r(self) -> float:
        # The area grows with the count; the number is written beside it anyway.
        return round(min(4 + 2.2 * math.sqrt(self.count), 11), 1)

    @property
    def side(self) -> float:
        return round(self.r * 1.8, 1)

    @property
    def left(self) -> float:
        return round(self.x - self.side / 2, 1)

    @property
    def top(self) -> float:
        return round(self.y - (self.side / 2 if self.kind == "evidence" else self.r), 1)

    @property
    def count_x(self) -> float:
        return round(self.x + self.r + 3, 1)


@dataclass(frozen=True)
class TopicColumn:
    label: str  # a year, or "No date"
    year: int | None
    x: float  # the column's middle
    counts: list[YearCount]
    labelled: bool  # every year while they fit, else every few

    def count(self, kind: str) -> int:
        return next(c.count for c in self.counts if c.kind == kind)


TOPIC_WIDTH = 360
TOPIC_LANE_X = 108  # lane names to the left of this
TOPIC_LANES = {"statement": 30.0, "evidence": 66.0, "status_change": 102.0}


@dataclass(frozen=True)
class TopicYears:
    columns: list[TopicColumn]
    lanes: list[tuple[str, str, float]]  # (kind, name, y)
    shortened: bool
    axis_y: float = 124
    height: float = 150
    lane_x: float = TOPIC_LANE_X
    width: int = TOPIC_WIDTH

    @property
    def has_undated(self) -> bool:
        return self.columns[-1].year is None

    def description(self) -> str:
        return " ".join(
            _(
                "%(year)s: %(statements)d statements, %(evidence)d evidence, "
                "%(changes)d status changes."
            )
            % {
                "year": column.label,
                "statements": column.count("statement"),
                "evidence": column.count("evidence"),
                "changes": column.count("status_change"),
            }
            for column in self.columns
        )


def topic_years(timeline: Any) -> TopicYears | None:
    """Counts per year and kind of a ``selectors.topic_timeline``, undated items last."""
    per_year: Counter[tuple[int | None, str]] = Counter()
    for entry in timeline.dated:
        per_year[(entry.when.year, entry.kind)] += 1
    for entry in timeline.undated:
        per_year[(None, entry.kind)] += 1
    if not per_year:
        return None
    dated_years = [year for year, _kind in per_year if year is not None]
    years: list[int | None] = (
        list(range(min(dated_years), max(dated_years) + 1)) if dated_years else []
    )
    if any(year is None for year, _kind in per_year):
        years.append(None)
    width = (TOPIC_WIDTH - TOPIC_LANE_X) / len(years)
    # A year's label needs about 40 units; label every few years when the columns are narrower.
    every = max(1, math.ceil(40 / width))
    columns = []
    for i, year in enumerate(years):
        x = round(TOPIC_LANE_X + width * (i + 0.5), 1)
        columns.append(
            TopicColumn(
                label=str(year) if year is not None else _("No date"),
                year=year,
                x=x,
                counts=[
                    YearCount(kind, per_year[(year, kind)], x, y) for kind, y in TOPIC_LANES.items()
                ],
                labelled=year is None or (year - years[0]) % every == 0,  # type: ignore[operator]
            )
        )
    names = {
        "statement": _("Statements"),
        "evidence": _("Evidence"),
        "status_change": _("Status changes"),
    }
    return TopicYears(
        columns=columns,
        lanes=[(kind, names[kind], y) for kind, y in TOPIC_LANES.items()],
        shortened=timeline.shortened,
    )
