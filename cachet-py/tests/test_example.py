"""The ops example (examples/python/health_check_incident.py) run as a script."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator, List

import pytest

import cachet
from conftest import Database

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "python" / "health_check_incident.py"


def run(database: Database, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--database-url", database.url, "--component", "API", *args],
                          capture_output=True, text=True)


def write_result(tmp_path: Path, healthy: bool, message: str) -> str:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"healthy": healthy, "message": message}))
    return str(path)


def test_failing_check_opens_then_updates_then_resolves(database: Database, tmp_path: Path) -> None:
    first = run(database, "--json", write_result(tmp_path, False, "timeout after 5s"))
    assert (first.returncode, first.stdout.strip()) == (1, "opened incident #1")
    same = run(database, "--json", write_result(tmp_path, False, "timeout after 5s"))
    assert same.stdout.strip() == "incident #1 still open; nothing new to say"
    worse = run(database, "--json", write_result(tmp_path, False, "connection refused"))
    assert worse.stdout.strip() == "updated incident #1"
    with database.open() as c:
        assert c.components.find("API").status is cachet.ComponentStatus.MAJOR_OUTAGE
    fixed = run(database, "--exit-code", "0")
    assert (fixed.returncode, fixed.stdout.strip()) == (0, "resolved incident #1")
    with database.open() as c:
        assert c.incidents.get(1).is_resolved
        assert [u.message for u in c.incidents.get(1).updates][0] == "Recovered: check passed"
        assert c.components.find("API").status is cachet.ComponentStatus.OPERATIONAL


def test_healthy_check_without_incident_does_nothing(database: Database) -> None:
    done = run(database, "--exit-code", "0")
    assert (done.returncode, done.stdout.strip()) == (0, "API is healthy; nothing to do")


class _Health(http.server.BaseHTTPRequestHandler):
    codes: List[int] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_response(self.codes.pop(0))
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/health"
    server.shutdown()


def test_http_check_opens_and_resolves(database: Database, health_server: str) -> None:
    _Health.codes[:] = [503, 200]
    down = run(database, "--url", health_server, "--status", "3")
    assert (down.returncode, down.stdout.strip()) == (1, "opened incident #1")
    with database.open() as c:
        assert c.components.find("API").status is cachet.ComponentStatus.PARTIAL_OUTAGE
        assert c.incidents.get(1).message.endswith("answered HTTP 503")
    up = run(database, "--url", health_server)
    assert up.stdout.strip() == "resolved incident #1"


def test_bad_status_is_a_usage_error(database: Database) -> None:
    assert run(database, "--exit-code", "1", "--status", "9").returncode == 2
