"""axe-core in the browser tests: inject the npm package into a Playwright page and fail on serious or
critical WCAG 2.1 A/AA violations. Use on every key page:

    from tests.e2e.axe import assert_no_serious_axe_violations
    assert_no_serious_axe_violations(page)
"""

import json
from functools import cache
from pathlib import Path

from tests import realservices

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@cache
def _axe_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def axe_source() -> str:
    """axe-core's script, e.g. for a context's init script (each page has it, sent only once)."""
    return _axe_source(realservices.axe_core_path())


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; every violation, with its impact and offending nodes."""
    source = _axe_source(realservices.axe_core_path())
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: an inline <script> tag would be refused by the site's
        # Content-Security-Policy.
        page.evaluate(source + "\n;undefined")
    # Only the violations come back: the passes and incomplete checks with all their nodes would be a large
    # answer to serialize on every page.
    violations = page.evaluate(
        "async (tags) => (await window.axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        WCAG_TAGS,
    )
    realservices.USED.setdefault("axe-core", page.evaluate("() => window.axe.version"))
    return violations


def assert_no_serious_axe_violations(page) -> None:
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    summary = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in blocking
    ]
    assert not blocking, f"axe-core found serious/critical violations on {page.url}:\n" + json.dumps(
        summary, indent=2, ensure_ascii=False
    )
