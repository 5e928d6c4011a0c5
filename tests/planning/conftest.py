import pytest

from planning import services
from planning.models import DeskMember
from tests.factories import EditorFactory, ModeratorFactory, SectionFactory


@pytest.fixture
def politics(db):
    return SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics", order=1)


@pytest.fixture
def economy(db):
    return SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy", order=2)


@pytest.fixture
def desk_editor(db, politics):
    """An editor on the politics desk (and no other)."""
    editor = EditorFactory(username="deskeditor")
    DeskMember.objects.create(section=politics, user=editor)
    return editor


@pytest.fixture
def chief(db):
    """A moderator: plans every section without being on a desk."""
    return ModeratorFactory(username="chief")


def plan(user, section, day, title="خبر مخطط", **fields):
    return services.budget_line_create(user=user, section=section, day=day, title_ar=title, **fields)


@pytest.fixture(autouse=True)
def _english_desk(client):
    """The desk answers in English here unless a test asks for Arabic (the messages are read in English)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
