"""Cachet status tracking from Python, without running a server.

Open a database with :class:`Cachet` (``sqlite:///abs/path.db``, ``sqlite://relative.db``,
``postgres://…``, ``mysql://…`` or ``mariadb://…``) and use its collections::

    import cachet

    with cachet.Cachet("sqlite:///var/lib/status.db") as c:
        api = c.components.create("API", cachet.ComponentStatus.OPERATIONAL)
        c.incidents.create("API down", cachet.IncidentStatus.INVESTIGATING, "Looking into it",
                           components={api.id: cachet.ComponentStatus.MAJOR_OUTAGE})
        print(c.status().message)

Statuses are :class:`enum.IntEnum` members with Cachet's numbering (plain ints are accepted).
Times are timezone-aware UTC datetimes. Errors derive from :class:`CachetError`.
"""

from __future__ import annotations

import enum
from typing import Optional


class ComponentStatus(enum.IntEnum):
    """A component's own status (Cachet's 0-4 numbering). Higher is worse; UNKNOWN counts as best."""

    UNKNOWN = 0
    OPERATIONAL = 1
    PERFORMANCE_ISSUES = 2
    PARTIAL_OUTAGE = 3
    MAJOR_OUTAGE = 4


class IncidentStatus(enum.IntEnum):
    """The state of an incident; updates use 1-4."""

    SCHEDULED = 0
    INVESTIGATING = 1
    IDENTIFIED = 2
    WATCHING = 3
    FIXED = 4


class ScheduleStatus(enum.IntEnum):
    """The stored state of a maintenance window."""

    UPCOMING = 0
    IN_PROGRESS = 1
    COMPLETE = 2


class GroupCollapsed(enum.IntEnum):
    """How a component group is shown on the page."""

    EXPANDED = 0
    COLLAPSED = 1
    COLLAPSED_UNLESS_ISSUES = 2


class MetricCalcType(enum.IntEnum):
    """How a metric's points are combined per bucket."""

    SUM = 0
    AVERAGE = 1


class MetricView(enum.IntEnum):
    """The period a metric chart shows by default."""

    LAST_HOUR = 0
    LAST_12_HOURS = 1
    LAST_WEEK = 2
    LAST_MONTH = 3


class MetricVisibility(enum.IntEnum):
    """Who may see a metric."""

    AUTHENTICATED = 0
    PUBLIC = 1
    HIDDEN = 2


class CachetError(Exception):
    """Base class of every error raised by cachet (also raised for calls on a closed handle)."""


class NotFoundError(CachetError, LookupError):
    """No row of this kind has that id (or name)."""

    resource: Optional[str]
    id: Optional[str]

    def __init__(self, message: str, resource: Optional[str] = None, id: Optional[str] = None) -> None:
        super().__init__(message)
        self.resource = resource
        self.id = id


class ValidationError(CachetError, ValueError):
    """An argument is not acceptable; nothing was written. ``field`` names it, ``reason`` says why."""

    field: Optional[str]
    reason: Optional[str]

    def __init__(self, message: str, field: Optional[str] = None, reason: Optional[str] = None) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason


class ConflictError(CachetError):
    """The write clashes with data already there (a duplicate name, for instance)."""


class AuthenticationError(CachetError):
    """The API token is missing, unknown or revoked."""


class DatabaseError(CachetError):
    """The database is unreachable, refused the login, timed out, failed to migrate or a query failed."""


from cachet._cachet import (  # noqa: E402  (the native module looks the classes above up by name)
    AffectedComponent,
    ApiToken,
    Cachet,
    Component,
    ComponentGroup,
    Components,
    DayUptime,
    Groups,
    Incident,
    IncidentTemplate,
    IncidentUpdate,
    IncidentUpdates,
    Incidents,
    IssuedToken,
    Metric,
    MetricPoint,
    MetricPoints,
    Metrics,
    Page,
    Schedule,
    Schedules,
    Settings,
    Status,
    StatusChange,
    Subscriber,
    Subscribers,
    Subscription,
    Tag,
    Templates,
    Tokens,
)

__all__ = [
    "AffectedComponent",
    "ApiToken",
    "AuthenticationError",
    "Cachet",
    "CachetError",
    "Component",
    "ComponentGroup",
    "ComponentStatus",
    "Components",
    "ConflictError",
    "DatabaseError",
    "DayUptime",
    "GroupCollapsed",
    "Groups",
    "Incident",
    "IncidentStatus",
    "IncidentTemplate",
    "IncidentUpdate",
    "IncidentUpdates",
    "Incidents",
    "IssuedToken",
    "Metric",
    "MetricCalcType",
    "MetricPoint",
    "MetricPoints",
    "MetricView",
    "MetricVisibility",
    "Metrics",
    "NotFoundError",
    "Page",
    "Schedule",
    "ScheduleStatus",
    "Schedules",
    "Settings",
    "Status",
    "StatusChange",
    "Subscriber",
    "Subscribers",
    "Subscription",
    "Tag",
    "Templates",
    "Tokens",
    "ValidationError",
]
