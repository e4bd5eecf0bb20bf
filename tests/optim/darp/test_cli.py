"""``python -m smartvillage.optim.darp``: JSON output and clear input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smartvillage.optim.darp.__main__ import main

from .conftest import DATA


def test_it_writes_the_json_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    argv = [str(DATA / "a2-16.txt"), "--time-limit", "10", "--seed", "2"]
    assert main([*argv, "--max-iterations", "200", "--output", str(out)]) == 0
    document = json.loads(out.read_text())
    assert set(document) == {"instance", "cost", "routes", "unserved", "seconds"}
    assert document["instance"] == "a2-16"
    assert document["unserved"] == []
    assert isinstance(document["cost"], float)
    assert isinstance(document["seconds"], float)
    nodes = [stop["node"] for route in document["routes"] for stop in route["stops"]]
    assert sorted(nodes) == list(range(1, 33))  # every pick-up and drop-off, no depot
    for route in document["routes"]:
        times = [stop["time"] for stop in route["stops"]]
        assert times == sorted(times)
        seen = [stop["node"] for stop in route["stops"]]
        for node in seen:
            if node > 16:
                assert seen.index(node - 16) < seen.index(node)


def test_it_reports_a_malformed_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("2 4 480 3 30\n0 0 0 0 0 0 1440\n1 1 x 3 1 0 1440\n")
    assert main([str(bad), "--time-limit", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "bad.txt:3:" in err
    assert "Traceback" not in err


def test_it_runs_as_a_module(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    run = subprocess.run(
        [sys.executable, "-m", "smartvillage.optim.darp", str(missing), "--time-limit", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "cannot read" in run.stderr
    assert "Traceback" not in run.stderr
