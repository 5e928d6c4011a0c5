"""The public pages' template engine: Jinja2 (Django's own backend), with the project's helpers.

Django's template engine was the largest part of a cold public page: a
story page spent about half its time drawing ``base.html`` and its own
shell, node by node. Jinja2 compiles a template to Python once; with it the
public pages cost 14–18% less CPU (docs/performance.md). Only the pages readers ask for per
request are Jinja2 (``templates/public/``: the layout, the story, the
lists, search, the error pages); the pieces drawn once and kept (the
layout's pieces, a story's stored parts and cards, ``articles.rendered``)
stay Django templates, and are printed here as they were drawn.

The pages print exactly what Django's templates printed: values are
escaped by Django's ``escape`` (``&quot;``, ``&#x27;``), localized as
Django's engine localizes them, a missing value prints nothing, and a
translated sentence with values in it (``fill``) escapes its values but not
the translation, as ``{% blocktranslate %}`` does. Translations are
written ``_("…")``, the one form ``makemessages`` reads in any template.
"""

import html

from django.template.backends.jinja2 import Jinja2, Template
from django.template.defaultfilters import urlencode
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, get_language_bidi, gettext, trans_real
from jinja2 import ChainableUndefined, Environment, pass_context

from . import links
from .templatetags import public

# The engine's name in ``TEMPLATES`` (the settings): ``render(..., using=PUBLIC)``.
PUBLIC = "public"


def _finalize(value):
    """What Django's engine prints for ``{{ value }}``: localized, then escaped unless it is safe."""
    if hasattr(value, "__html__"):  # Django's safe strings and Jinja's Markup
        return value
    if not isinstance(value, str):
        value = localize(template_localtime(value))
    # Django's ``escape`` without its check for lazy values, which a page's thirty values paid for each.
    return SafeString(html.escape(str(value)))


def fill(message, **values) -> SafeString:
    """``{{ _("Page %(number)s of %(total)s")|fill(number=…, total=…) }}``: ``{% blocktranslate %}``'s output.

    The values are escaped (and localized) as Django's engine prints them;
    the translation itself is printed as written.
    """
    return SafeString(str(message) % {name: _finalize(value) for name, value in values.items()})


@pass_context
def layout(context, template_name: str):
    """``{{ layout("includes/layout/footer.html") }}``: a piece every public page shares, drawn once (``public.layout_piece``)."""
    return public.layout_piece(
        template_name,
        navigation=context.get("navigation"),
        site_name=context.get("site_name"),
        current_section=context.get("current_section"),
    )


@pass_context
def piece(context, template_name: str, **values):
    """A Django template drawn with this page's values: a story part with no stored copy, an app's addition."""
    return SafeString(
        get_template(template_name, using="django").render({**context.get_all(), **values}, context.get("request"))
    )


def environment(**options) -> Environment:
    """The public pages' Jinja2 environment (``TEMPLATES``' ``environment`` option)."""
    env = Environment(
        **{
            **options,
            "undefined": ChainableUndefined,  # as Django's engine: a missing value, or one of its attributes, prints ""
            "finalize": _finalize,
            "keep_trailing_newline": True,
        }
    )
    env.globals.update(
        {
            "_": gettext,
            "layout": layout,
            "piece": piece,
            "link": links.link,
            "static": static,
            "story_card": public.story_card,
            "story_cards": public.story_cards,
            "reader_time": public.reader_time,
        }
    )
    env.filters.update({"fill": fill, "digits": public.digits, "urlencode": urlencode})
    return env


class PublicTemplate(Template):
    """A public page's template; every page knows its language and direction, as ``{% get_current_language %}`` told."""

    def __init__(self, template, backend):
        super().__init__(template, backend)
        self.name = template.name  # what the test client lists as rendered

    def render(self, context=None, request=None):
        context = {} if context is None else context
        language = context["LANGUAGE_CODE"] = get_language()
        context["LANGUAGE_BIDI"] = get_language_bidi()
        # ``_`` is ``gettext`` in the page's language, found once for the page, not once per sentence.
        context["_"] = trans_real.translation(language).gettext if language else gettext
        return super().render(context, request)


class PublicTemplates(Jinja2):
    """Django's Jinja2 backend, giving ``PublicTemplate``s."""

    def get_template(self, template_name):
        return PublicTemplate(super().get_template(template_name).template, self)
