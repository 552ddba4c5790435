"""The public surface: docstrings everywhere, enums with Cachet's numbering, the error hierarchy."""

from __future__ import annotations

import inspect

import cachet


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in cachet.__all__:
        obj = getattr(cachet, name)
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if not inspect.isclass(obj) or issubclass(obj, (BaseException, int)):
            continue
        for attr, member in vars(obj).items():
            if not attr.startswith("_") and not (getattr(member, "__doc__", None) or "").strip():
                missing.append(f"{name}.{attr}")
    assert missing == []


def test_enums_follow_cachets_numbering() -> None:
    assert [int(s) for s in cachet.ComponentStatus] == [0, 1, 2, 3, 4]
    assert int(cachet.ComponentStatus.MAJOR_OUTAGE) == 4
    assert int(cachet.IncidentStatus.FIXED) == 4
    assert int(cachet.ScheduleStatus.COMPLETE) == 2
    assert int(cachet.GroupCollapsed.COLLAPSED_UNLESS_ISSUES) == 2
    assert int(cachet.MetricCalcType.AVERAGE) == 1
    assert int(cachet.MetricView.LAST_MONTH) == 3
    assert int(cachet.MetricVisibility.HIDDEN) == 2


def test_errors_form_one_hierarchy() -> None:
    for error in (cachet.NotFoundError, cachet.ValidationError, cachet.ConflictError, cachet.AuthenticationError,
                  cachet.DatabaseError):
        assert issubclass(error, cachet.CachetError)
    assert issubclass(cachet.ValidationError, ValueError)
    assert issubclass(cachet.NotFoundError, LookupError)


def test_native_classes_present_themselves_as_cachet_members() -> None:
    assert cachet.Cachet.__module__ == "cachet"
    assert cachet.Component.__module__ == "cachet"
