"""sitemap.xml: every live story, section and the home page, in each edition it has.

Each entry lists its other editions as hreflang alternates (with x-default
pointing at the Arabic one); a story without English is listed in Arabic
only.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from . import selectors


class EditionsSitemap(Sitemap):
    """Entries in each edition, with hreflang alternates and an x-default.

    Django's own x-default drops the language prefix, which here redirects
    by the browser's language and could land on an English page that does
    not exist; the Arabic edition always exists, so it is the default.
    """

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = next((a["location"] for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None)
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


class StorySitemap(EditionsSitemap):
    changefreq = "hourly"
    # A thousand entries a page (a story is an entry per edition, each with
    # its alternates) keeps a page quick to build and to fetch.
    limit = 1000

    def items(self):
        return selectors.sitemap_stories()

    def location(self, item):
        # A story's address without a URL reversal per entry per edition:
        # the pattern is reversed once per language, the story filled in.
        language = get_language()
        template = self._templates.get(language)
        if template is None:
            template = self._templates[language] = (
                reverse("articles:story", kwargs={"pk": 9999999999, "slug": "SLUG"})
                .replace("9999999999", "{pk}")
                .replace("SLUG", "{slug}")
            )
        return template.format(pk=item.pk, slug=quote(item.slug or "-", safe=""))

    def __init__(self):
        super().__init__()
        self._templates = {}

    def get_languages_for_item(self, item):
        return ["ar", "en"] if item.has_english else ["ar"]

    def lastmod(self, item):
        return item.last_updated_at or item.first_published_at


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


SITEMAPS = {"home": HomeSitemap, "sections": SectionSitemap, "stories": StorySitemap}
