"""How well search finds the right story: ``make search-eval``.

    python tools/search_eval.py [--no-stemmers] [--verbose]

1. Compares the Arabic analysers on the relevance set in memory (the
   project's, the one issue 21 was filed against, the library stemmers that
   are installed, and the project's rules followed by each library).
2. Publishes the relevance corpus into a throwaway test database and asks
   the site's own search every query: on PostgreSQL when ``DATABASE_URL``
   names one (production's full-text search), else on SQLite's fallback.

Prints recall, precision, MRR, the share of queries whose first result is
the expected one, false hits, different-word pairs that meet and forms of
one word that do not; ``--verbose`` lists every miss. The figures are kept
in docs/search.md. Exits non-zero when the site misses issue 21's targets.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"

COLUMNS = ["recall", "precision", "mrr", "first right", "false hits", "pairs met", "forms missed"]


def table(rows: list[dict]) -> str:
    """A Markdown table of figures, as docs/search.md keeps them."""
    lines = ["| analyser | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    for row in rows:
        cells = [f"{row[c]:.1%}" if isinstance(row[c], float) else str(row[c]) for c in COLUMNS]
        lines.append(f"| {row['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def details(figures) -> None:
    for text, missing in figures.misses:
        print(f"  missed  {text}: {', '.join(missing)}")
    for text, extra in figures.false_hits:
        print(f"  false   {text}: {', '.join(extra)}")
    for text, first, top in figures.wrong_first:
        print(f"  first   {text}: wanted {first}, got {', '.join(top) or 'nothing'}")
    for word, other, why in figures.pairs_met:
        print(f"  meet    {word} / {other} ({why})")
    for one, other in figures.same_missed:
        print(f"  apart   {one} / {other}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-stemmers", action="store_true", help="Skip the in-memory comparison of analysers.")
    parser.add_argument("--verbose", action="store_true", help="List every miss, false hit and wrong first result.")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    # Publishing the corpus runs background tasks eagerly; their log lines are not the report.
    logging.disable(logging.INFO)
    from django.db import connection
    from django.test.utils import setup_test_environment

    from tests.articles.search import evaluation

    if not args.no_stemmers:
        print("Arabic analysers on the relevance set (in memory, one shared ranking):\n")
        compared = evaluation.compare_stemmers()
        print(table([figures.row() for figures in compared]))
        if args.verbose:
            details(compared[0])
        print()

    setup_test_environment()
    vendor = connection.vendor
    name = "PostgreSQL full-text search" if vendor == "postgresql" else "SQLite fallback"
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        keys = evaluation.load_corpus()
        figures = evaluation.evaluate_site(keys, name=name)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    print(f"The site's search ({name}, {figures.queries} queries, Arabic and English):\n")
    print(table([figures.row()]))
    if args.verbose:
        details(figures)
    met = (
        figures.recall >= evaluation.RECALL_TARGET
        and figures.first_right_share >= evaluation.FIRST_RIGHT_TARGET
        and not figures.pairs_met
    )
    if vendor == "postgresql":
        print("\ntargets (recall ≥ 98%, first right ≥ 90%, no pair meets):", "met" if met else "NOT met")
        return 0 if met else 1
    found_right = figures.recall >= evaluation.RECALL_TARGET and not figures.pairs_met
    print(
        "\nSQLite fallback (lists the newest matches first, so the first-result target is PostgreSQL's):",
        "recall and pairs on target" if found_right else "recall or pairs NOT on target",
    )
    return 0 if found_right else 1


if __name__ == "__main__":
    sys.exit(main())
