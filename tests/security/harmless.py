"""Reading a page as a browser would, and listing anything in it that could run.

"Harmless" means no executable markup reached the output, whatever the text
says: the HTML is parsed (``html.parser``) and every element and attribute
judged, rather than searching for an escaped string somewhere.
"""

import json
import re
from html.parser import HTMLParser

# Attributes whose value a browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "ping"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Our own scripts: static files and the admin's translations; data blocks.
OWN_SCRIPT_SOURCES = ("/static/", "/admin/jsi18n/")
# Data, not script: JSON-LD, JSON and the admin editor's import map (JSON
# mapping module names to static files; the CSP allows it by its hash).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap"}
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def _unobfuscated(url: str) -> str:
    # Browsers drop controls and whitespace inside a scheme ("jav\tascript:").
    return re.sub(r"[\x00-\x20\x7f]", "", url).lower()


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.data_scripts: list[str] = []
        self._script: dict | None = None
        self._style = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._judge(tag, attrs)
        if tag == "script":
            self._script = {"attrs": dict(attrs), "text": []}
        if tag == "style":
            self._style = True

    def handle_startendtag(self, tag, attrs):
        self._judge(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script["text"])
            if self._script["attrs"].get("type") in DATA_SCRIPT_TYPES:
                self.data_scripts.append(text)
            elif text.strip():
                self.problems.append(f"inline script: {text[:80]!r}")
            self._script = None
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)
        elif self._style:
            self.problems.append(f"a <style> element in the page: {data[:80]!r}")
        else:
            self.text.append(data)

    def _judge(self, tag, attrs):
        values = dict(attrs)
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            kind, source = values.get("type"), values.get("src")
            if kind not in DATA_SCRIPT_TYPES and not (source and source.startswith(OWN_SCRIPT_SOURCES)):
                self.problems.append(f"foreign script: {attrs}")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"<meta http-equiv>: {attrs}")
        if tag == "link" and not (values.get("href") or "").startswith(("/", "http://testserver/", "https://")):
            self.problems.append(f"odd link: {attrs}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler on <{tag}>: {name}={value[:60]!r}")
            if name in URL_ATTRIBUTES:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if _unobfuscated(url).startswith(SCRIPT_SCHEMES):
                        self.problems.append(f"script URL in <{tag} {name}>: {value[:60]!r}")
                    if "evil.example" in url:
                        self.problems.append(f"foreign address in <{tag} {name}>: {value[:60]!r}")
            if name == "style" and re.search(r"expression|javascript|url\s*\(|@import", value, re.I):
                self.problems.append(f"style trick on <{tag}>: {value[:60]!r}")


def dangers(html: str, *, text_rules: bool = True) -> list[str]:
    """What in ``html`` could run or mislead: script elements not ours, handlers, script URLs, framing, ...

    JSON-LD and other data blocks must parse as JSON and hold no ``</script``
    or ``<!--`` (which would end or confuse the element in a browser).
    With ``text_rules``, the text must also hold no bidi controls.
    """
    audit = _Audit()
    audit.feed(html)
    audit.close()
    problems = list(audit.problems)
    for block in audit.data_scripts:
        lowered = block.lower()
        if "</script" in lowered or "<!--" in lowered:
            problems.append(f"a data block that could end its script element: {block[:80]!r}")
        try:
            json.loads(block)
        except ValueError as error:
            problems.append(f"a data block that is not JSON ({error}): {block[:80]!r}")
    if text_rules and BIDI_CONTROLS.search("".join(audit.text)):
        problems.append("bidi control characters in the text")
    return problems


def json_ld(html: str) -> list:
    """The page's JSON-LD blocks, parsed."""
    audit = _Audit()
    audit.feed(html)
    return [json.loads(block) for block in audit.data_scripts]


def visible_text(html: str) -> str:
    audit = _Audit()
    audit.feed(html)
    return "".join(audit.text)
