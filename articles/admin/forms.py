"""The admin's forms. They read and check input; the services decide and write."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .. import editions
from ..models import STORY_CONTENT, Article, Correction, Image, Revision
from ..models.content import content_names, content_of
from ..selectors.desk import desk_author_choices
from ..services.media import image_check
from .widgets import (
    BODY_EDITOR,
    DateTimeLocalInput,
    LeadPictureSelect,
    OrderedAuthorsWidget,
    PlausibleAutocompleteMultiple,
    language_attrs,
    past_the_largest_id,
)


class PickOne(forms.ModelChoiceField):
    """A picker of one object that answers an impossible id as an unknown choice, never a 500."""

    def to_python(self, value):
        if value not in self.empty_values and past_the_largest_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PickMany(forms.ModelMultipleChoiceField):
    """A picker of several objects that answers an impossible id as an unknown choice."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else []:
            if past_the_largest_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


def content_field(name: str) -> forms.Field:
    """The form field for one content field of a revision (``headline_ar``, ``section``, ...).

    Labels, limits and help come from the model; translated fields type in
    their language's direction; the body gets the rich-text editor.
    """
    model_field = Revision._meta.get_field(name)
    language = getattr(model_field, "language", None)
    original = Revision._meta.get_field(name.removesuffix(f"_{language}")) if language else model_field
    label = capfirst(original.verbose_name)
    attrs = language_attrs(language) if language else {}
    if original.name == "body":
        return ProseEditorFormField(
            config=BODY_EDITOR, required=False, label=label, widget=AdminProseEditorWidget(attrs=attrs)
        )
    if original.get_internal_type() == "DateTimeField":
        return forms.DateTimeField(
            required=False, label=label, help_text=original.help_text, widget=DateTimeLocalInput()
        )
    extra = {"form_class": PickOne} if original.is_relation else {}
    field = model_field.formfield(label=label, help_text=original.help_text, **extra)
    field.widget.attrs.update(attrs)
    if language and original.get_internal_type() == "TextField":
        field.widget.attrs["rows"] = 3  # a sentence or two (the standfirst)
    if language and original.get_internal_type() == "CharField":
        field.widget.attrs["class"] = "vTextField"  # a line (the headline, the dateline)
    if original.name == "slug":
        field.widget.attrs["dir"] = "auto"  # Latin or Arabic, either reads from its start
    return field


class OrderedModelChoiceField(PickMany):
    """Several objects, in the order they were given; a name given twice counts once."""

    widget = OrderedAuthorsWidget

    def clean(self, value):
        ids = list(dict.fromkeys(str(pk) for pk in (value or []) if str(pk).strip()))
        found = {str(obj.pk): obj for obj in super().clean(ids)}
        return [found[pk] for pk in ids]


def relation_field(name: str, *, ordered: bool) -> forms.Field:
    """The form field for a story's relation: the byline (in print order) or the tags."""
    model_field = Revision._meta.get_field(name)
    # The byline's picker lists every author by name (tags are looked up as typed).
    everyone = desk_author_choices() if ordered else model_field.related_model.objects.all()
    choices = {"queryset": everyone, "required": False}
    label = capfirst(model_field.verbose_name)
    if ordered:
        return OrderedModelChoiceField(**choices, label=label, help_text=_("In the order the byline prints them."))
    return PickMany(**choices, label=label)


def story_content_fields() -> dict[str, forms.Field]:
    """A form field for every field of ``STORY_CONTENT`` (each edition's text once per language), in form order."""
    fields: dict[str, forms.Field] = {}
    for spec in STORY_CONTENT:
        if spec.translated:
            fields.update(
                {f"{spec.name}_{code}": content_field(f"{spec.name}_{code}") for code in editions.languages()}
            )
        elif spec.relation:
            fields[spec.name] = relation_field(spec.name, ordered=spec.ordered)
        else:
            fields[spec.name] = content_field(spec.name)
    return fields


# The story's content as form fields, derived from its declaration: the
# story form inherits them (Django collects declared fields from bases).
StoryContentFields = type("StoryContentFields", (forms.Form,), story_content_fields())


class StoryForm(forms.ModelForm, StoryContentFields):
    """The story as an editor writes it: every content field of a revision, and the save's note.

    It is a ModelForm of ``Article`` only so that the admin can host it. It
    has no model fields and never writes the story row, whose content
    columns are the live copy readers are served: the admin saves it through
    ``articles.services`` as a new revision. Its content fields come from
    ``STORY_CONTENT`` (``StoryContentFields``).
    """

    english_reviewed = forms.BooleanField(
        required=False,
        label=_("English is up to date"),
        help_text=_("Tick when you have checked the English against the Arabic; it clears the warning."),
    )
    note = forms.CharField(
        required=False,
        max_length=Revision._meta.get_field("note").max_length,
        label=_("Note"),
        help_text=_("What changed, in a few words; the history shows it."),
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    base_revision = PickOne(queryset=Revision.objects.none(), required=False, widget=forms.HiddenInput)

    # Set by the admin for each request (see ``ArticleAdmin.get_form``).
    admin_site = None
    start_revision: Revision | None = None
    refusal: ValidationError | None = None

    class Meta:
        model = Article
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        if article.pk:
            self.fields["base_revision"].queryset = Revision.objects.filter(article=article)
            if not self.is_bound:
                self.initial.update(self.values_of(self.start_revision), base_revision=article.latest_revision_id)
        self._count_headlines()
        if self.admin_site is not None:
            # The admin's own search-as-you-type pickers; they need the site
            # for their address, so they are set here rather than declared.
            for name, widget in (("lead_image", LeadPictureSelect), ("tags", PlausibleAutocompleteMultiple)):
                field = self.fields[name]
                field.widget = widget(Article._meta.get_field(name), self.admin_site)
                field.widget.choices = field.choices

    def _count_headlines(self) -> None:
        """Give each headline input the limit the workflow checks at approval, for the live count."""
        limit = settings.NEWSROOM_HEADLINE_MAX_LENGTH  # what workflow.context_for gives the guard
        for code in editions.languages():
            self.fields[f"headline_{code}"].widget.attrs.update(
                {
                    "data-length-limit": limit,
                    "data-length-count": _("%(count)s of %(limit)s characters"),
                    "data-length-over": _(
                        "%(count)s characters: over the limit of %(limit)s, a moderator cannot publish it."
                    ),
                }
            )

    @staticmethod
    def values_of(revision: Revision | None) -> dict:
        """The form's initial values: what ``revision`` says."""
        if revision is None:
            return {}
        values = content_of(revision)
        for spec in STORY_CONTENT:
            if spec.relation:
                values[spec.name] = [obj.pk for obj in values[spec.name]]
        return values

    def clean(self):
        cleaned = super().clean()
        if self.refusal is not None:
            # The services refused the save the first time round; show
            # their reasons against the fields they name.
            for name, messages in self.refusal.update_error_dict({}).items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def content(self) -> dict:
        """The content fields as the services take them."""
        return {name: self.cleaned_data[name] for name in content_names()}

    def save(self, commit=True):
        if commit:
            raise NotImplementedError("Stories are saved through articles.services, never by their form.")
        return super().save(commit=False)

    def _save_m2m(self):
        # The story's own authors and tags are the live copy's: never set
        # them from a draft. The revision carries the draft's.
        return None


class MoveForm(forms.Form):
    """A workflow move with an optional comment."""

    comment = forms.CharField(
        required=False,
        label=_("Note"),
        max_length=2000,
        widget=forms.TextInput(attrs={"dir": "auto", "size": 24}),
    )

    def __init__(self, *args, article: Article, comment_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        if comment_required:
            # A comment the workflow requires is one someone will read:
            # give it room.
            comment = self.fields["comment"]
            comment.required = True
            comment.label = _("Comment (required)")
            comment.widget = forms.Textarea(attrs={"dir": "auto", "rows": 2, "cols": 32})


class RevisionMoveForm(MoveForm):
    """A move about one exact revision: the one the user was looking at."""

    revision = PickOne(queryset=Revision.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = Revision.objects.filter(article=self.article)


class ScheduleForm(RevisionMoveForm):
    """Approval for a later time."""

    publish_at = forms.DateTimeField(label=_("Publish at"), widget=DateTimeLocalInput())


class CorrectionForm(MoveForm):
    """A public note on a live story."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Correction.Kind.choices)
    text_ar = forms.CharField(
        label=_("Text (Arabic)"), widget=forms.Textarea(attrs={"rows": 3, "cols": 40, **language_attrs("ar")})
    )
    text_en = forms.CharField(
        required=False,
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40, **language_attrs("en")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["comment"]


class RestoreForm(forms.Form):
    """Restoring an old revision as the new current one."""

    note = forms.CharField(required=False, label=_("Note"), max_length=500)


class CompareForm(forms.Form):
    """Which two revisions to compare, and how."""

    old = forms.TypedChoiceField(label=_("Compare"), coerce=int, required=False)
    new = forms.TypedChoiceField(label=_("with"), coerce=int)
    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("side", _("side by side")), ("inline", _("inline"))],
    )

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (
                revision.number,
                _("Revision %(number)s, %(who)s") % {"number": revision.number, "who": revision.created_by},
            )
            for revision in revisions
        ]
        self.fields["old"].choices = [("", _("nothing (first revision)")), *choices]
        self.fields["new"].choices = choices


class ImageForm(forms.ModelForm):
    """A picture for the library. The upload is checked by the media service, which says what is wrong.

    The file is a plain file field: Django's image field would decode the
    upload first and answer any problem (a renamed HTML page, a picture too
    large, a truncated file) with one vague sentence.
    """

    file = forms.FileField(
        label=capfirst(Image._meta.get_field("file").verbose_name), help_text=_("JPEG, PNG, WebP or AVIF.")
    )

    class Meta:
        model = Image
        fields = ("file",)  # the admin adds the rest from its fieldsets

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is not None and upload is not self.initial.get("file"):
            image_check(upload)
        return upload


def _description_box(language: str, rows: int) -> forms.Textarea:
    """A description typed in its own language: several lines, the width of its column."""
    return forms.Textarea(attrs={"rows": rows, "class": "vLargeTextField picture-text", **language_attrs(language)})


# The picture form's descriptions are sentences, Arabic ones often long:
# boxes of several lines, never a narrow one-line input that cuts them off.
DESCRIPTION_WIDGETS = {
    f"{name}_{code}": _description_box(code, rows)
    for name, rows in (("alt", 3), ("caption", 3))
    for code in editions.languages()
}


class PictureUploadForm(ImageForm):
    """A picture uploaded from the story form's dialog, with its description in both languages."""

    class Meta(ImageForm.Meta):
        fields = (
            "file",
            *(f"{name}_{code}" for name in ("alt", "caption", "credit") for code in editions.languages()),
            "focal_x",
            "focal_y",
        )
        widgets = {
            **DESCRIPTION_WIDGETS,
            **{f"credit_{code}": forms.TextInput(attrs=language_attrs(code)) for code in editions.languages()},
            "focal_x": forms.HiddenInput,
            "focal_y": forms.HiddenInput,
        }
