"""The native module behind ``cachet`` (built from cachet-py with pyo3). Import ``cachet`` instead."""

import builtins
import datetime
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, Optional, TypeVar, Union, final, overload

from cachet import (
    ComponentStatus,
    GroupCollapsed,
    IncidentStatus,
    MetricCalcType,
    MetricView,
    MetricVisibility,
    ScheduleStatus,
)

_T = TypeVar("_T")
_Json = Any

__all__ = [
    "AffectedComponent",
    "ApiToken",
    "Cachet",
    "Component",
    "ComponentGroup",
    "Components",
    "DayUptime",
    "Groups",
    "Incident",
    "IncidentUpdate",
    "IncidentUpdates",
    "Incidents",
    "IssuedToken",
    "Metric",
    "MetricPoint",
    "MetricPoints",
    "Metrics",
    "Page",
    "Schedule",
    "Schedules",
    "Settings",
    "Status",
    "StatusChange",
    "Subscriber",
    "Subscribers",
    "Subscription",
    "Tag",
    "Tokens",
]

@final
class Page(Generic[_T]):
    """One page of a listing: iterate it, index it, ``len()`` it; ``.total`` counts every matching row."""

    @property
    def total(self) -> int: ...
    @property
    def page(self) -> int: ...
    @property
    def per_page(self) -> int: ...
    @property
    def total_pages(self) -> int: ...
    @property
    def has_next(self) -> bool: ...
    @property
    def items(self) -> builtins.list[_T]: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> _T: ...
    @overload
    def __getitem__(self, index: slice, /) -> tuple[_T, ...]: ...
    def __iter__(self) -> Iterator[_T]: ...

@final
class Status:
    """The page's overall status banner."""

    @property
    def status(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def under_maintenance(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class DayUptime:
    """One local day of a component's uptime."""

    @property
    def date(self) -> datetime.date: ...
    @property
    def uptime(self) -> Optional[float]: ...
    @property
    def seconds(self) -> dict[ComponentStatus, int]: ...
    @property
    def worst(self) -> Optional[ComponentStatus]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Tag:
    """A tag on a component."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Component:
    """A service or part of a system whose status the page shows."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def link(self) -> Optional[str]: ...
    @property
    def status(self) -> ComponentStatus: ...
    @property
    def order(self) -> int: ...
    @property
    def group_id(self) -> Optional[int]: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def meta(self) -> Optional[_Json]: ...
    @property
    def tags(self) -> builtins.list[Tag]: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class StatusChange:
    """One recorded change of a component's status."""

    @property
    def id(self) -> int: ...
    @property
    def component_id(self) -> int: ...
    @property
    def old_status(self) -> Optional[ComponentStatus]: ...
    @property
    def new_status(self) -> ComponentStatus: ...
    @property
    def reason(self) -> str: ...
    @property
    def changed_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Components:
    """The components of the page (``Cachet.components``)."""

    def create(
        self,
        name: str,
        status: Union[ComponentStatus, int] = ...,
        *,
        description: str = ...,
        link: Optional[str] = None,
        order: int = 0,
        group: Optional[int] = None,
        enabled: bool = True,
        meta: Optional[Mapping[str, _Json]] = None,
        tags: Optional[Sequence[str]] = None,
    ) -> Component: ...
    def get(self, id: int) -> Component: ...
    def find(self, id_or_name: str) -> Component: ...
    def list(
        self,
        *,
        status: Union[ComponentStatus, int, None] = None,
        group: Optional[int] = None,
        name: Optional[str] = None,
        enabled: Optional[bool] = None,
        tags: Optional[Sequence[str]] = None,
        sort: Optional[str] = None,
        order: str = ...,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[Component]: ...
    def update(
        self,
        id: int,
        *,
        name: Optional[str] = None,
        status: Union[ComponentStatus, int, None] = None,
        description: Optional[str] = None,
        link: Optional[str] = None,
        order: Optional[int] = None,
        group: Optional[int] = None,
        enabled: Optional[bool] = None,
        meta: Optional[Mapping[str, _Json]] = None,
        tags: Optional[Sequence[str]] = None,
        reason: Optional[str] = None,
    ) -> Component: ...
    def set_status(self, id: int, status: Union[ComponentStatus, int], reason: str = ...) -> Component: ...
    def delete(self, id: int) -> None: ...
    def history(self, id: int, limit: int = 100) -> builtins.list[StatusChange]: ...

@final
class ComponentGroup:
    """A set of components shown together."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def order(self) -> int: ...
    @property
    def collapsed(self) -> GroupCollapsed: ...
    @property
    def visible(self) -> bool: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Groups:
    """The component groups of the page (``Cachet.groups``)."""

    def create(
        self, name: str, *, order: int = 0, collapsed: Union[GroupCollapsed, int] = ..., visible: bool = False
    ) -> ComponentGroup: ...
    def get(self, id: int) -> ComponentGroup: ...
    def find(self, id_or_name: str) -> ComponentGroup: ...
    def list(
        self,
        *,
        name: Optional[str] = None,
        collapsed: Union[GroupCollapsed, int, None] = None,
        visible: Optional[bool] = None,
        sort: Optional[str] = None,
        order: str = ...,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[ComponentGroup]: ...
    def update(
        self,
        id: int,
        *,
        name: Optional[str] = None,
        order: Optional[int] = None,
        collapsed: Union[GroupCollapsed, int, None] = None,
        visible: Optional[bool] = None,
    ) -> ComponentGroup: ...
    def delete(self, id: int) -> None: ...

@final
class AffectedComponent:
    """A component an incident affects and the status the incident gives it."""

    @property
    def component_id(self) -> int: ...
    @property
    def status(self) -> ComponentStatus: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class IncidentUpdate:
    """A status change and message added to an incident."""

    @property
    def id(self) -> int: ...
    @property
    def incident_id(self) -> int: ...
    @property
    def status(self) -> IncidentStatus: ...
    @property
    def message(self) -> str: ...
    @property
    def user_id(self) -> Optional[int]: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Incident:
    """Something that went wrong, and what was said about it."""

    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> Optional[int]: ...
    @property
    def component_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> IncidentStatus: ...
    @property
    def message(self) -> str: ...
    @property
    def visible(self) -> bool: ...
    @property
    def stickied(self) -> bool: ...
    @property
    def notify(self) -> bool: ...
    @property
    def is_resolved(self) -> bool: ...
    @property
    def meta(self) -> Optional[_Json]: ...
    @property
    def occurred_at(self) -> datetime.datetime: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    @property
    def components(self) -> builtins.list[AffectedComponent]: ...
    @property
    def updates(self) -> builtins.list[IncidentUpdate]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Incidents:
    """The incidents of the page (``Cachet.incidents``)."""

    def create(
        self,
        name: str,
        status: Union[IncidentStatus, int],
        message: str = ...,
        *,
        components: Optional[Mapping[int, Union[ComponentStatus, int]]] = None,
        visible: bool = True,
        stickied: bool = False,
        notify: bool = True,
        occurred_at: Optional[datetime.datetime] = None,
        template: Optional[str] = None,
        vars: Optional[Mapping[str, _Json]] = None,
        meta: Optional[Mapping[str, _Json]] = None,
        user_id: Optional[int] = None,
    ) -> Incident: ...
    def get(self, id: int) -> Incident: ...
    def list(
        self,
        *,
        status: Union[IncidentStatus, int, None] = None,
        component: Optional[int] = None,
        name: Optional[str] = None,
        visible: Optional[bool] = None,
        stickied: Optional[bool] = None,
        resolved: Optional[bool] = None,
        occurred_after: Optional[datetime.datetime] = None,
        occurred_before: Optional[datetime.datetime] = None,
        sort: Optional[str] = None,
        order: str = ...,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[Incident]: ...
    def update(
        self, id: int, status: Union[IncidentStatus, int], message: str, *, user_id: Optional[int] = None
    ) -> IncidentUpdate: ...
    def resolve(self, id: int, message: str = ...) -> Incident: ...
    def edit(
        self,
        id: int,
        *,
        name: Optional[str] = None,
        status: Union[IncidentStatus, int, None] = None,
        message: Optional[str] = None,
        components: Optional[Mapping[int, Union[ComponentStatus, int]]] = None,
        visible: Optional[bool] = None,
        stickied: Optional[bool] = None,
        notify: Optional[bool] = None,
        occurred_at: Optional[datetime.datetime] = None,
        template: Optional[str] = None,
        vars: Optional[Mapping[str, _Json]] = None,
        meta: Optional[Mapping[str, _Json]] = None,
    ) -> Incident: ...
    def delete(self, id: int) -> None: ...

@final
class IncidentUpdates:
    """The updates of incidents (``Cachet.incident_updates``)."""

    def create(
        self, incident: int, status: Union[IncidentStatus, int], message: str, *, user_id: Optional[int] = None
    ) -> IncidentUpdate: ...
    def get(self, incident: int, id: int) -> IncidentUpdate: ...
    def list(
        self, incident: int, *, sort: Optional[str] = None, order: str = ..., page: int = 1, per_page: int = 20
    ) -> Page[IncidentUpdate]: ...
    def update(
        self,
        incident: int,
        id: int,
        *,
        status: Union[IncidentStatus, int, None] = None,
        message: Optional[str] = None,
    ) -> IncidentUpdate: ...
    def delete(self, incident: int, id: int) -> None: ...

@final
class Schedule:
    """A planned maintenance window and the components it covers."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def status(self) -> ScheduleStatus: ...
    @property
    def scheduled_at(self) -> datetime.datetime: ...
    @property
    def completed_at(self) -> Optional[datetime.datetime]: ...
    @property
    def notify(self) -> bool: ...
    @property
    def components(self) -> builtins.list[int]: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Schedules:
    """Maintenance windows (``Cachet.schedules``)."""

    def create(
        self,
        name: str,
        scheduled_at: datetime.datetime,
        *,
        message: str = ...,
        status: Union[ScheduleStatus, int] = ...,
        completed_at: Optional[datetime.datetime] = None,
        notify: bool = False,
        components: Optional[Sequence[int]] = None,
    ) -> Schedule: ...
    def get(self, id: int) -> Schedule: ...
    def list(
        self,
        *,
        status: Union[ScheduleStatus, int, None] = None,
        name: Optional[str] = None,
        sort: Optional[str] = None,
        order: str = ...,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[Schedule]: ...
    def update(
        self,
        id: int,
        *,
        name: Optional[str] = None,
        message: Optional[str] = None,
        status: Union[ScheduleStatus, int, None] = None,
        scheduled_at: Optional[datetime.datetime] = None,
        completed_at: Optional[datetime.datetime] = None,
        notify: Optional[bool] = None,
        components: Optional[Sequence[int]] = None,
    ) -> Schedule: ...
    def start(self, id: int) -> Schedule: ...
    def complete(self, id: int) -> Schedule: ...
    def delete(self, id: int) -> None: ...

@final
class Metric:
    """A measured quantity charted on the page."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def default_value(self) -> float: ...
    @property
    def calc_type(self) -> MetricCalcType: ...
    @property
    def display_chart(self) -> bool: ...
    @property
    def places(self) -> int: ...
    @property
    def default_view(self) -> MetricView: ...
    @property
    def threshold(self) -> int: ...
    @property
    def order(self) -> int: ...
    @property
    def visible(self) -> MetricVisibility: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class MetricPoint:
    """One measurement of a metric."""

    @property
    def id(self) -> int: ...
    @property
    def metric_id(self) -> int: ...
    @property
    def value(self) -> float: ...
    @property
    def counter(self) -> int: ...
    @property
    def calculated_value(self) -> float: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Metrics:
    """Metrics (``Cachet.metrics``)."""

    def create(
        self,
        name: str,
        suffix: str,
        *,
        description: str = ...,
        default_value: float = 0.0,
        calc_type: Union[MetricCalcType, int] = ...,
        display_chart: bool = True,
        places: int = 2,
        default_view: Union[MetricView, int] = ...,
        threshold: int = 5,
        order: int = 0,
        visible: Union[MetricVisibility, int] = ...,
    ) -> Metric: ...
    def get(self, id: int) -> Metric: ...
    def list(
        self, *, sort: Optional[str] = None, order: str = ..., page: int = 1, per_page: int = 20
    ) -> Page[Metric]: ...
    def update(
        self,
        id: int,
        *,
        name: Optional[str] = None,
        suffix: Optional[str] = None,
        description: Optional[str] = None,
        default_value: Optional[float] = None,
        calc_type: Union[MetricCalcType, int, None] = None,
        display_chart: Optional[bool] = None,
        places: Optional[int] = None,
        default_view: Union[MetricView, int, None] = None,
        threshold: Optional[int] = None,
        order: Optional[int] = None,
        visible: Union[MetricVisibility, int, None] = None,
    ) -> Metric: ...
    def delete(self, id: int) -> None: ...

@final
class MetricPoints:
    """The points of metrics (``Cachet.metric_points``)."""

    def create(self, metric: int, value: float, at: Optional[datetime.datetime] = None) -> MetricPoint: ...
    def get(self, metric: int, id: int) -> MetricPoint: ...
    def list(self, metric: int, *, page: int = 1, per_page: int = 20) -> Page[MetricPoint]: ...
    def between(self, metric: int, start: datetime.datetime, end: datetime.datetime) -> builtins.list[MetricPoint]: ...
    def update(
        self, metric: int, id: int, *, value: Optional[float] = None, at: Optional[datetime.datetime] = None
    ) -> MetricPoint: ...
    def delete(self, metric: int, id: int) -> None: ...

@final
class Subscription:
    """A subscriber's interest in one component."""

    @property
    def id(self) -> int: ...
    @property
    def subscriber_id(self) -> int: ...
    @property
    def component_id(self) -> int: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Subscriber:
    """Someone who asked to be told about incidents."""

    @property
    def id(self) -> int: ...
    @property
    def email(self) -> str: ...
    @property
    def verify_code(self) -> str: ...
    @property
    def phone_number(self) -> Optional[str]: ...
    @property
    def slack_webhook_url(self) -> Optional[str]: ...
    @property
    def verified_at(self) -> Optional[datetime.datetime]: ...
    @property
    def is_global(self) -> bool: ...
    @property
    def subscriptions(self) -> builtins.list[Subscription]: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def updated_at(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Subscribers:
    """Subscribers (``Cachet.subscribers``)."""

    def create(
        self,
        email: str,
        *,
        verified: bool = False,
        components: Optional[Sequence[int]] = None,
        phone_number: Optional[str] = None,
        slack_webhook_url: Optional[str] = None,
    ) -> Subscriber: ...
    def get(self, id: int) -> Subscriber: ...
    def find(self, id_or_email: str) -> Subscriber: ...
    def list(self, *, page: int = 1, per_page: int = 20) -> Page[Subscriber]: ...
    def verify(self, id: int) -> Subscriber: ...
    def unsubscribe(self, subscription: int) -> None: ...
    def delete(self, id: int) -> None: ...

@final
class Settings:
    """Settings (``Cachet.settings``); known keys are checked and normalised by type."""

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]: ...
    def get_bool(self, name: str) -> bool: ...
    def set(self, name: str, value: Union[str, int, float, bool]) -> str: ...
    def list(self) -> dict[str, str]: ...
    def delete(self, name: str) -> None: ...

@final
class ApiToken:
    """An API token's record (the secret itself is never stored)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def last_used_at(self) -> Optional[datetime.datetime]: ...
    @property
    def revoked_at(self) -> Optional[datetime.datetime]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class IssuedToken:
    """A newly made token and its secret, which is shown only here."""

    @property
    def token(self) -> ApiToken: ...
    @property
    def secret(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Tokens:
    """API tokens (``Cachet.tokens``)."""

    def create(self, name: str) -> IssuedToken: ...
    def list(self) -> builtins.list[ApiToken]: ...
    def revoke(self, name: str) -> ApiToken: ...
    def authenticate(self, secret: str) -> ApiToken: ...

@final
class Cachet:
    """A connection pool on one Cachet database, migrated on open; safe to share between threads."""

    def __new__(cls, url: str, *, pool_size: int = 8, timeout: float = 5.0, migrate: bool = True) -> Cachet: ...
    @property
    def url(self) -> str: ...
    @property
    def backend(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Cachet: ...
    def __exit__(
        self,
        _exc_type: Optional[type[BaseException]] = None,
        _exc: Optional[BaseException] = None,
        _tb: Optional[TracebackType] = None,
    ) -> bool: ...
    def ping(self) -> None: ...
    def revision(self) -> int: ...
    def status(self) -> Status: ...
    def uptime(self, component: int, start: datetime.date, end: datetime.date, tz: str = "UTC") -> builtins.list[DayUptime]: ...
    @property
    def components(self) -> Components: ...
    @property
    def groups(self) -> Groups: ...
    @property
    def incidents(self) -> Incidents: ...
    @property
    def incident_updates(self) -> IncidentUpdates: ...
    @property
    def schedules(self) -> Schedules: ...
    @property
    def metrics(self) -> Metrics: ...
    @property
    def metric_points(self) -> MetricPoints: ...
    @property
    def subscribers(self) -> Subscribers: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def tokens(self) -> Tokens: ...
