"""RSS and Atom feeds of each edition, for the whole site and per section.

Entries carry the story's standfirst and any corrections, so a reader who
follows the feed learns of a correction as a reader of the page does.
"""

import io

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import dates, selectors
from .editions import site_name
from .models import Section
from .presentation import live_extras_of


class _Written:
    """A feed written into a string first, then into the response at once.

    Django's generator writes the XML in pieces of a few characters, and
    each piece written into the response was encoded and kept on its own
    (about 1,300 a feed of thirty entries: a fifth of the feed's time).
    """

    def write(self, outfile, encoding):
        text = io.StringIO()
        super().write(text, encoding)
        outfile.write(text.getvalue())


class RssFeed(_Written, Rss201rev2Feed):
    pass


class AtomFeed(_Written, Atom1Feed):
    pass


class LatestStoriesFeed(Feed):
    """The newest live stories in the current language (RSS 2.0)."""

    feed_type = RssFeed

    def title(self):
        return site_name()

    def link(self):
        return reverse("articles:home")

    def description(self):
        return _("The latest stories from %(site)s") % {"site": site_name()}

    def feed_url(self):
        return reverse("articles:rss")

    def items(self):
        return selectors.feed_stories(get_language())

    def item_title(self, item):
        return getattr(item, f"headline_{get_language()}")

    def item_description(self, item):
        language = get_language()
        notes = format_html_join(
            "",
            "<p><strong>{}</strong> ({}): {}</p>",
            (
                (
                    correction.get_kind_display(),
                    dates.gregorian(correction.published_at, language),
                    getattr(correction, f"text_{language}") or correction.text_ar,
                )
                for correction in live_extras_of(item).corrections
            ),
        )
        return format_html("<p>{}</p>{}", getattr(item, f"standfirst_{language}") or "", notes)

    def item_guid(self, item):
        # Stable when the slug is edited, so feed readers do not show the
        # story twice (the link changes, the story does not).
        return f"urn:newsroom:story:{item.pk}:{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        moments = [item.last_updated_at, *(c.published_at for c in live_extras_of(item).corrections)]
        return max((m for m in moments if m), default=item.first_published_at)

    def item_author_name(self, item):
        return ", ".join(author.name for author in live_extras_of(item).authors) or None

    def item_categories(self, item):
        return [tag.name for tag in live_extras_of(item).tags]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = AtomFeed
    subtitle = LatestStoriesFeed.description

    def feed_url(self):
        return reverse("articles:atom")


class SectionFeed(LatestStoriesFeed):
    """The newest live stories of one section (RSS 2.0)."""

    def get_object(self, request, slug):
        try:
            return Section.objects.get(slug=slug)
        except Section.DoesNotExist:
            raise Http404(_("There is no section at this address.")) from None

    def title(self, obj):
        return f"{site_name()}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        # RSS readers take a channel's description as HTML, as they do an
        # item's: the section's name is escaped like the standfirst is.
        return escape(self.about(obj))

    def about(self, obj):
        return _("The latest stories in %(section)s") % {"section": obj.name}

    def feed_url(self, obj):
        return reverse("articles:section_rss", kwargs={"slug": obj.slug})

    def items(self, obj):
        return selectors.feed_stories(get_language(), section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = AtomFeed

    def subtitle(self, obj):
        return self.about(obj)  # Atom's subtitle is text, escaped by the XML alone

    def feed_url(self, obj):
        return reverse("articles:section_atom", kwargs={"slug": obj.slug})
