"""Data files an app ships under `<app>/data/` (package data in pyproject.toml): the demo's long lists and
texts, kept out of the code that builds them."""

import json
from importlib.resources import files
from typing import Any


def read_json(package: str, name: str) -> Any:
    """The JSON file `<package>/data/<name>`: lists, objects, strings and numbers as JSON gives them."""
    return json.loads(files(package).joinpath("data", name).read_text(encoding="utf-8"))
