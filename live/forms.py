"""The coverage desk's forms. They read and check input; the services decide and write."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.editions import direction
from articles.models import Article, Author, Image
from articles.workflow import State

ENTRY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "NoSpellCheck": False,
    }
}


def _in(language: str) -> dict:
    return {"lang": language, "dir": direction(language)}


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _staff_choices():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


class EntryForm(forms.Form):
    """One entry: its time, its text in either language, a quote or a picture, its byline, its marks."""

    posted_at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Empty: now. The time readers see beside the entry."),
    )
    body_ar = ProseEditorFormField(
        config=ENTRY_EDITOR, required=False, label=_("Text (Arabic)"), widget=AdminProseEditorWidget(attrs=_in("ar"))
    )
    body_en = ProseEditorFormField(
        config=ENTRY_EDITOR, required=False, label=_("Text (English)"), widget=AdminProseEditorWidget(attrs=_in("en"))
    )
    quote_ar = forms.CharField(
        label=_("Quote (Arabic)"), required=False, widget=forms.Textarea(attrs={"rows": 2, **_in("ar")})
    )
    quote_en = forms.CharField(
        label=_("Quote (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2, **_in("en")})
    )
    quote_by_ar = forms.CharField(
        label=_("Quote by (Arabic)"), required=False, max_length=200, widget=forms.TextInput(attrs=_in("ar"))
    )
    quote_by_en = forms.CharField(
        label=_("Quote by (English)"), required=False, max_length=200, widget=forms.TextInput(attrs=_in("en"))
    )
    image = forms.ModelChoiceField(
        label=_("Picture"), required=False, queryset=Image.objects.order_by("-pk"), help_text=_("From the library.")
    )
    author = forms.ModelChoiceField(label=_("Author"), required=False, queryset=Author.objects.order_by("name_ar"))
    pinned = forms.BooleanField(label=_("Pin it (shown first)"), required=False)
    key_event = forms.BooleanField(label=_("Key event (listed in the summary at the top)"), required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("body_ar", "body_en", "quote_ar", "quote_en", "image")):
            raise forms.ValidationError(
                _("Write the entry's text, a quote or choose a picture: an entry cannot be empty.")
            )
        return data


class EditEntryForm(EntryForm):
    """The same fields, without the marks: pinning and key events have buttons of their own."""

    pinned = None
    key_event = None


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("correction", _("Correction")), ("clarification", _("Clarification")), ("update", _("Update"))],
    )
    text_ar = forms.CharField(label=_("Text (Arabic)"), widget=forms.Textarea(attrs={"rows": 2, **_in("ar")}))
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2, **_in("en")})
    )


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpenCoverageForm(forms.Form):
    article = forms.ModelChoiceField(
        label=_("Story"),
        queryset=Article.objects.exclude(status=State.TRASHED).exclude(live_coverage__isnull=False).order_by("-pk"),
        help_text=_("Its headline, standfirst and picture still go through review as any story's."),
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff"),
        required=False,
        queryset=_staff_choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who may post entries, besides the moderators."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _staff_choices()


class StaffForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff"), required=False, queryset=_staff_choices(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = _staff_choices()


class BannerForm(forms.Form):
    """A banner for the story whose desk it is on."""

    language = forms.ChoiceField(label=_("Edition"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=_("Text"), required=False, max_length=160, help_text=_("Empty: the story's headline in that edition.")
    )
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeLocalInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"ends_at": timezone.localtime() + timedelta(hours=1)})
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["dir"] = "auto"


class StoryBannerForm(BannerForm):
    """A banner for any live story, covered live or not (the banners' own screen)."""

    article = forms.ModelChoiceField(
        label=_("Story"), queryset=Article.objects.live().order_by("-first_published_at", "-pk")
    )
    field_order = ["article", "language", "text", "ends_at"]
