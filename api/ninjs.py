"""A story in IPTC ninjs 2.2 (News in JSON), one object per language edition.

Built from the API's own story data (``representation.story_data``), so
ninjs, the JSON API and the webhooks cannot disagree. The project keeps
IPTC's published schema in ``api/schema/ninjs-schema_2.2.json``; the tests
validate against it.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from articles import editions
from articles.richtext import plain_text

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "ninjs-schema_2.2.json"
SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"


@cache
def ninjs_schema() -> dict:
    """IPTC's ninjs 2.2 JSON schema, from the project's own copy (nothing is fetched)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def story_uri(story_id: int, language: str) -> str:
    """A stable identifier for one language edition of a story, independent of the host it is read from."""
    return f"{settings.NEWSROOM_NINJS_URI_PREFIX}:story:{story_id}:{language}"


def _words(text: str) -> int:
    return len(text.split())


def story_ninjs(story: dict[str, Any], language: str, *, pubstatus: str | None = None) -> dict[str, Any]:
    """The ninjs 2.2 object of ``story`` (as ``story_data`` builds it) in ``language``."""
    edition = story["editions"][language]
    body = edition.get("body", "")
    text = plain_text(body)
    changed = story["last_updated_at"] or story["first_published_at"] or story["goes_live_at"]
    item: dict[str, Any] = {
        "uri": story_uri(story["id"], language),
        "standard": {"name": "ninjs", "version": "2.2", "schema": SCHEMA_URI},
        "type": "text",
        "representationtype": "full",
        "profile": "text-photo" if story["picture"] else "text-only",
        "version": story["version"],
        "language": language,
        "pubstatus": pubstatus or ("withheld" if story["status"] == "embargoed" else "usable"),
        "slugline": story["slug"],
        "title": edition["headline"],
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": edition["headline"]}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": body,
                "charcount": len(text),
                "wordcount": _words(text),
            }
        ],
        "copyrightholder": editions.site_name(language),
        "altids": [{"role": "newsroom-id", "value": str(story["id"])}],
    }
    if edition["standfirst"]:
        item["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": edition["standfirst"]}]
    for correction in story["corrections"]:
        item.setdefault("descriptions", []).append(
            {
                "role": f"correction:{correction['kind']}",
                "contenttype": "text/plain",
                "value": correction["text"][language],
            }
        )
    if edition["dateline"]:
        item["located"] = edition["dateline"]
    if story["first_published_at"]:
        item["firstcreated"] = story["first_published_at"]
    if changed:
        item["versioncreated"] = changed
    if story["embargoed_until"]:
        item["embargoed"] = story["embargoed_until"]
    if story["authors"]:
        item["by"] = (
            "، ".join(a["name"][language] for a in story["authors"])
            if language == "ar"
            else ", ".join(a["name"][language] for a in story["authors"])
        )
        item["people"] = [
            {
                "name": author["name"][language],
                "rel": "author",
                "uri": author["url"][language],
                "literal": author["slug"],
            }
            for author in story["authors"]
        ]
    subjects = []
    if story["section"]:
        section = story["section"]
        subjects.append(
            {
                "name": section["name"][language],
                "rel": "section",
                "uri": section["url"][language],
                "literal": section["slug"],
            }
        )
    subjects += [
        {"name": tag["name"][language], "rel": "tag", "uri": tag["url"][language], "literal": tag["slug"]}
        for tag in story["tags"]
    ]
    if subjects:
        item["subjects"] = subjects
    if story["picture"]:
        item["renditions"] = [
            {
                "name": f"picture-{rendition['format']}-{rendition['crop'].replace(':', 'x') if rendition['crop'] else 'whole'}"
                f"-{rendition['width']}",
                "href": rendition["url"],
                "contenttype": rendition["content_type"],
                "title": story["picture"]["alt"].get(language, ""),
                "width": rendition["width"],
                "height": rendition["height"],
                "format": rendition["crop"] or "whole",
            }
            for rendition in story["picture"]["renditions"]
        ]
    return item


def withdrawn_ninjs(story_id: int, language: str, version: str) -> dict[str, Any]:
    """What a partner is told of a story taken off the site: its identifier, and that it is cancelled."""
    return {
        "uri": story_uri(story_id, language),
        "standard": {"name": "ninjs", "version": "2.2", "schema": SCHEMA_URI},
        "type": "text",
        "version": version,
        "language": language,
        "pubstatus": "canceled",
        "altids": [{"role": "newsroom-id", "value": str(story_id)}],
    }
