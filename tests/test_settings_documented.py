"""Every setting in the declarative table is documented in the README with its default."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from kb.settings import SETTINGS, Config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_each_setting_is_in_the_readme_with_its_default():
    for setting in SETTINGS:
        row = next(
            (line for line in README.splitlines() if line.startswith(f"| `{setting.name}`")), ""
        )
        assert row, f"{setting.name} is not documented in README.md"
        assert f"| {setting.default} |" in row, f"{setting.name}: default {setting.default}"


def test_every_config_field_but_the_home_is_a_documented_setting():
    names = {setting.name for setting in SETTINGS}
    assert {f.name for f in fields(Config)} - names == {"home"}
    assert all(setting.help.strip() for setting in SETTINGS)
