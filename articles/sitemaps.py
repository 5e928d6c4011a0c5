"""sitemap.xml: every live story, section and the home page, in each edition it has.

Each entry lists its other editions as hreflang alternates (with x-default
pointing at the Arabic one); a story without English is listed in Arabic
only.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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
    limit = 5000

    def items(self):
        return selectors.sitemap_stories()

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
