"""requirements.lock (what `make install` and CI install) matches pyproject.toml: every
dependency, the dev extras included, is pinned there at a version its specifier accepts, with
hashes. Refresh it with `make lock` (docs/security.md)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def locked() -> dict[str, tuple[str, str]]:
    """name → (version, the entry's text), from the lock file."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, str]] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            entries[canonicalize_name(match.group(1))] = (match.group(2), block)
    return entries


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(spec) for spec in specs]


def test_every_declared_dependency_is_locked_at_an_accepted_version():
    pins = locked()
    wrong = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            wrong.append(f"{requirement}: not in requirements.lock")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            wrong.append(f"{requirement}: locked at {pins[name][0]}")
    assert not wrong, "Run `make lock` and commit requirements.lock:\n" + "\n".join(wrong)


def test_every_pin_carries_hashes():
    pins = locked()
    assert len(pins) > 50
    unhashed = [name for name, (_v, block) in pins.items() if "--hash=sha256:" not in block]
    assert not unhashed
