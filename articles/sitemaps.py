"""sitemap.xml: every live story, section and the home page, in each edition it has.

Each entry lists its other editions as hreflang alternates (with x-default
pointing at the Arabic one); a story without English is listed in Arabic
only.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from . import editions, selectors
from .dependencies import LIVE, cacheable
from .links import link


class EditionsSitemap(Sitemap):
    """Entries in each edition, with hreflang alternates and an x-default.

    Django's own x-default drops the language prefix, which here redirects
    by the browser's language and could land on an English page that does
    not exist; the Arabic edition always exists, so it is the default.
    """

    i18n = True
    alternates = True
    x_default = True

    def in_index(self, editions_found) -> tuple[int, object]:
        """How many pages the index lists for this sitemap, and its latest change (None: not said)."""
        return self.paginator.num_pages, self.get_latest_lastmod()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = next((a["location"] for a in url["alternates"] if a["lang_code"] == editions.primary()), None)
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


class StorySitemap(Sitemap):
    """The live stories of one edition, each entry naming its other edition.

    One sitemap per language rather than Django's ``i18n`` sitemaps, which
    build the list of every story in every language in memory to count and
    slice it: here the database slices, and how many stories there are is
    kept with the edition's latest change (``selectors.sitemap_edition``),
    so a page costs the same at a hundred thousand stories as at a hundred.
    The index asks each sitemap ``in_index`` (``index``).
    """

    changefreq = "hourly"
    # Five hundred entries a page keeps each page quick to build and fetch.
    limit = 500

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def items(self):
        return selectors.sitemap_stories(self.language)

    @property
    def paginator(self):
        # How many stories the edition has is kept with its latest change
        # (``selectors.sitemap_edition``): the index numbers every edition's
        # pages, and each page checks its number, without counting them.
        paginator = Paginator(self.items(), self.limit)
        paginator.count = selectors.sitemap_edition(self.language).stories
        return paginator

    def lastmod(self, item):
        return item.last_updated_at or item.first_published_at

    def get_latest_lastmod(self):
        # Django's default walks every story to find the newest.
        return selectors.sitemap_edition(self.language).latest_change

    def in_index(self, editions_found) -> tuple[int, object]:
        """How many pages the index lists for this edition, and its latest change, from ``editions_found``."""
        edition = editions_found[self.language]
        return max(1, -(-edition.stories // self.limit)), edition.latest_change

    def _path(self, item, language: str) -> str:
        with translation.override(language):
            return link("articles:story", pk=item.pk, slug=item.slug or "-")

    def location(self, item):
        return self._path(item, self.language)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            story = url["item"]
            locations = {code: f"{protocol}://{domain}{self._path(story, code)}" for code in story.live_languages()}
            url["alternates"] = [
                *({"lang_code": code, "location": location} for code, location in locations.items()),
                {"lang_code": "x-default", "location": locations[editions.primary()]},
            ]
        return urls


class SectionSitemap(EditionsSitemap):
    changefreq = "hourly"

    def items(self):
        return selectors.section_nav()

    def location(self, item):
        return item.get_absolute_url()


class HomeSitemap(EditionsSitemap):
    changefreq = "always"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "home": HomeSitemap,
    "sections": SectionSitemap,
    "stories-ar": StorySitemap("ar"),
    "stories-en": StorySitemap("en"),
}


@cacheable(lambda: [LIVE])
def index(request):
    """sitemap.xml: each sitemap, the stories' in pages, and when each last changed.

    Django's index asked each edition twice for what it keeps (how many
    stories, the latest change) and ran every entry through the template
    language; at 100,000 stories that is 270 entries. Here what each edition
    keeps comes in one round trip (``selectors.sitemap_editions``) and the
    entries are written as they are, in Django's own shape.
    """
    found = selectors.sitemap_editions()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    entries = []
    for name, site in SITEMAPS.items():
        site = site() if callable(site) else site
        location = escape(request.build_absolute_uri(reverse("sitemap_section", kwargs={"section": name})))
        pages, latest = site.in_index(found)
        lastmod = f"<lastmod>{timezone.localtime(latest).isoformat()}</lastmod>" if latest else ""
        entries.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>")
        entries.extend(f"<sitemap><loc>{location}?p={page}</loc>{lastmod}</sitemap>" for page in range(2, pages + 1))
    lines += ["".join(entries), "</sitemapindex>", ""]
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's own index says
    return response
