"""Data written from Python is read by the `cachet` CLI (cachet-cli), and the other way round."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import cachet
from conftest import Database

REPO = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("CACHET_CLI", REPO / "target" / "debug" / "cachet"))

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"the cachet CLI is not built at {CLI}")


def cli(database: Database, *args: str) -> Any:
    out = subprocess.run([str(CLI), "--json", "--database-url", database.url, *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def test_component_written_from_python_is_listed_by_the_cli(database: Database) -> None:
    with database.open() as c:
        api = c.components.create("API", cachet.ComponentStatus.PARTIAL_OUTAGE, tags=["core"])
    listed = cli(database, "component", "list")
    assert [(x["id"], x["name"], x["status"]) for x in listed] == [(api.id, "API", 3)]
    assert [t["slug"] for t in listed[0]["tags"]] == ["core"]


def test_component_written_by_the_cli_is_read_from_python(database: Database) -> None:
    made = cli(database, "component", "add", "Database", "--status", "major-outage")
    with database.open() as c:
        found = c.components.get(made["id"])
    assert (found.name, found.status) == ("Database", cachet.ComponentStatus.MAJOR_OUTAGE)
