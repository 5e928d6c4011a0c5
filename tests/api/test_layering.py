"""The API and webhooks depend on articles; articles never imports them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(package: str) -> set[str]:
    names = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_articles_never_imports_the_api_or_webhooks():
    found = {name for name in imported_modules("articles") if name.split(".")[0] in {"api", "webhooks"}}
    assert found == set()


def test_the_api_never_imports_webhooks():
    assert {name for name in imported_modules("api") if name.split(".")[0] == "webhooks"} == set()
