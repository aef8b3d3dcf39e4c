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


def test_settings_table_matches_the_config():
    config_fields = {f.name: f.default for f in fields(Config)}
    for setting in SETTINGS:
        assert config_fields[setting.name] == setting.default, setting.name
