"""A story's content is declared once (``STORY_CONTENT``) and every list of its fields follows.

The proof that adding a field to the declaration is enough: every model
field of ``StoryContent`` must be declared, and every declared field, of
whatever kind, reaches the editing form and its layout, compare, the export,
the copy made when a revision goes live, and (when it has a weight) search.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import editions
from articles.admin.forms import StoryForm
from articles.diff import diff_revisions
from articles.export import _revision
from articles.models import STORY_CONTENT, TRANSLATED_FIELDS, Article, Author, Image, Revision, Section, Tag
from articles.models.content import (
    DETAIL_FIELDS,
    StoryContent,
    content_names,
    content_of,
    copy_content,
    edition_columns,
)
from articles.search.index import SEARCHED, _fields
from articles.translation import StoryTranslation
from tests.factories import AuthorFactory, ImageFactory, SectionFactory, TagFactory, draft, edit

FACTORIES = {Section: SectionFactory, Image: ImageFactory, Author: AuthorFactory, Tag: TagFactory}


def _other_value(spec, revision):
    """A value of the declared field ``spec`` unlike the one ``revision`` has (by the field's type)."""
    field = Revision._meta.get_field(spec.name)
    if spec.translated:
        return {f"{spec.name}_{code}": f"<p>{spec.name} {code} changed</p>" for code in editions.languages()}
    if spec.relation:
        return {spec.name: [FACTORIES[field.related_model](), *content_of(revision)[spec.name]]}
    if field.is_relation:
        return {spec.name: FACTORIES[field.related_model]()}
    if field.get_internal_type() == "DateTimeField":
        return {spec.name: timezone.now() + timedelta(days=30)}
    return {spec.name: f"changed-{spec.name}"}


def test_every_content_field_of_the_model_is_declared():
    columns = {field.name for field in StoryContent._meta.get_fields()}
    declared = {spec.name for spec in STORY_CONTENT}
    assert columns == {spec.name for spec in STORY_CONTENT if not spec.relation}
    for model in (Revision, Article):
        relations = {field.name for field in model._meta.many_to_many}
        assert {spec.name for spec in STORY_CONTENT if spec.relation} <= relations
    assert declared == set(TRANSLATED_FIELDS) | set(DETAIL_FIELDS)
    assert set(StoryTranslation.fields) == set(TRANSLATED_FIELDS)


def test_every_declared_field_is_in_the_form_and_its_layout():
    expected = [*edition_columns(TRANSLATED_FIELDS), *DETAIL_FIELDS]
    assert [name for name in StoryForm.base_fields if name in expected] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("spec", STORY_CONTENT, ids=lambda spec: spec.name)
def test_a_change_to_any_declared_field_reaches_compare_export_and_the_live_copy(editor, spec):
    article = draft(editor, authors=[AuthorFactory()], tags=[TagFactory()])
    old = article.latest_revision
    changes = _other_value(spec, old)
    relations = {name: changes.pop(name) for name in list(changes) if name in ("authors", "tags")}
    new = edit(article, editor, **changes, **relations).revision
    old, new = (Revision.objects.with_relations().get(pk=revision.pk) for revision in (old, new))

    assert {change.name for change in diff_revisions(old, new)} == {spec.name}

    exported_old, exported_new = _revision(old), _revision(new)
    names = [name for name in content_of(new) if name == spec.name or name.startswith(f"{spec.name}_")]
    assert names and all(name in exported_new for name in names)
    assert any(exported_old[name] != exported_new[name] for name in names)

    if not spec.relation:
        copy = Article()
        copy_content(new, copy)
        assert all(getattr(copy, name) == getattr(new, name) for name in content_names() if name in names)


@pytest.mark.django_db
def test_search_reads_every_field_with_a_weight(editor):
    article = draft(editor, tags=[TagFactory(name_ar="وسم البحث")])
    revision = Revision.objects.with_relations().get(pk=article.latest_revision_id)
    pairs = dict(_fields(revision, "ar"))
    assert list(pairs) == [spec.name for spec in SEARCHED]
    assert pairs["tags"] == "وسم البحث"
    assert "<" not in pairs["body"]
