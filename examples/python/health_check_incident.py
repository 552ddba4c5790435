#!/usr/bin/env python3
"""Turn a health check result into Cachet incidents, e.g. from cron or a CI job.

Reads one health check result (an HTTP URL, a JSON file, or a command's exit code), then:

- unhealthy and no open incident for the component: opens one and marks the component down;
- unhealthy and an incident is open: adds an update when the failure message changed;
- healthy and an incident is open: resolves it (the component goes back to Operational);
- healthy and nothing open: does nothing.

    health_check_incident.py --database-url sqlite:///var/lib/cachet/status.db \\
        --component API --url https://api.example.com/health
    health_check_incident.py --component API --json result.json    # {"healthy": false, "message": "..."}
    ./probe.sh; health_check_incident.py --component API --exit-code $?

Prints what it did on one line. Exits 0 when the check passed, 1 when it failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from typing import Optional, Sequence, Tuple

import cachet
from cachet import ComponentStatus, IncidentStatus

SOURCE = "health-check"


def check_url(url: str, timeout: float) -> Tuple[bool, str]:
    """Healthy when the URL answers 2xx within the timeout."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300, f"{url} answered HTTP {response.status}"
    except urllib.error.HTTPError as e:
        return False, f"{url} answered HTTP {e.code}"
    except (urllib.error.URLError, OSError) as e:
        return False, f"{url} is unreachable: {getattr(e, 'reason', e)}"


def check_json(path: str) -> Tuple[bool, str]:
    """A JSON file with {"healthy": bool, "message": str}."""
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    healthy = result.get("healthy")
    if not isinstance(healthy, bool):
        raise ValueError(f"{path}: \"healthy\" must be true or false")
    return healthy, str(result.get("message") or ("healthy" if healthy else "health check failed"))


def open_incident(c: cachet.Cachet, component_id: int) -> Optional[cachet.Incident]:
    """The unresolved incident this script opened for the component, if any."""
    for incident in c.incidents.list(component=component_id, resolved=False, sort="id", order="desc", per_page=100):
        if isinstance(incident.meta, dict) and incident.meta.get("source") == SOURCE:
            return incident
    return None


def apply(c: cachet.Cachet, component_name: str, healthy: bool, message: str, status: ComponentStatus) -> str:
    """Opens, updates or resolves the component's incident; returns what was done."""
    try:
        component = c.components.find(component_name)
    except cachet.NotFoundError:
        component = c.components.create(component_name, ComponentStatus.OPERATIONAL)
    incident = open_incident(c, component.id)
    if healthy:
        if incident is None:
            return f"{component_name} is healthy; nothing to do"
        c.incidents.resolve(incident.id, f"Recovered: {message}")
        return f"resolved incident #{incident.id}"
    if incident is None:
        made = c.incidents.create(
            f"{component_name} is failing its health check",
            IncidentStatus.INVESTIGATING,
            message,
            components={component.id: status},
            meta={"source": SOURCE},
        )
        return f"opened incident #{made.id}"
    latest = incident.updates[0].message if incident.updates else incident.message
    if latest == message:
        return f"incident #{incident.id} still open; nothing new to say"
    c.incidents.update(incident.id, IncidentStatus.INVESTIGATING, message)
    return f"updated incident #{incident.id}"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default="sqlite://cachet.db", help="Cachet database (default: %(default)s)")
    parser.add_argument("--component", required=True, help="component name (created when missing)")
    parser.add_argument("--status", type=int, default=int(ComponentStatus.MAJOR_OUTAGE),
                        help="component status while failing, 2-4 (default: 4, major outage)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="HTTP(S) URL that must answer 2xx")
    source.add_argument("--json", help='JSON file: {"healthy": bool, "message": str}')
    source.add_argument("--exit-code", type=int, help="exit code of a check command (0 = healthy)")
    parser.add_argument("--timeout", type=float, default=10.0, help="HTTP timeout in seconds")
    args = parser.parse_args(argv)

    try:
        status = ComponentStatus(args.status)
        if args.url:
            healthy, message = check_url(args.url, args.timeout)
        elif args.json:
            healthy, message = check_json(args.json)
        else:
            healthy = args.exit_code == 0
            message = "check passed" if healthy else f"check command exited with {args.exit_code}"
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    try:
        with cachet.Cachet(args.database_url) as c:
            print(apply(c, args.component, healthy, message, status))
    except cachet.CachetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
