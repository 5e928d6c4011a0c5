"""A commented phrase followed through edits by the word diff."""

from comments.anchors import carry, locate, plain

OLD = "قال المتحدث اليوم إن المحادثات ستعقد في بغداد خلال الأسبوع المقبل بحضور الوفد."


def test_plain_text_of_rich_text_is_its_words_without_markup():
    assert plain("<p>قال <strong>المتحدث</strong> &amp; الوفد</p><p>ثانية</p>", rich=True) == "قال المتحدث & الوفدثانية"
    assert plain("a <b>", rich=False) == "a <b>"


def test_locate_prefers_the_occurrence_after_the_prefix_then_the_nearest():
    text = "في بغداد اليوم. ثم في بغداد غداً."
    second = text.rindex("في بغداد")
    assert locate(text, "في بغداد", prefix="اليوم. ثم ") == (second, second + len("في بغداد"))
    assert locate(text, "في بغداد", position=second - 1) == (second, second + len("في بغداد"))
    assert locate(text, "في بغداد") == (0, len("في بغداد"))
    assert locate(text, "البصرة") is None


def test_a_phrase_follows_its_text_when_words_are_inserted_before_it():
    start = OLD.index("خلال الأسبوع المقبل")
    new = OLD.replace("قال المتحدث اليوم", "قال المتحدث الرسمي باسم الحكومة العراقية اليوم")
    anchor = carry(OLD, new, start, start + len("خلال الأسبوع المقبل"))
    assert new[anchor.start : anchor.end] == "خلال الأسبوع المقبل"
    assert not anchor.deleted and not anchor.changed


def test_a_phrase_edited_inside_is_still_found_and_says_it_changed():
    start = OLD.index("خلال الأسبوع المقبل")
    new = OLD.replace("خلال الأسبوع المقبل", "خلال الأسبوع القادم")
    anchor = carry(OLD, new, start, start + len("خلال الأسبوع المقبل"))
    assert anchor.text.startswith("خلال الأسبوع")
    assert anchor.changed and not anchor.deleted


def test_a_phrase_whose_words_were_all_deleted_says_so():
    start = OLD.index("خلال الأسبوع المقبل")
    new = OLD.replace(" خلال الأسبوع المقبل", "")
    anchor = carry(OLD, new, start, start + len("خلال الأسبوع المقبل"))
    assert anchor.deleted
    assert anchor.text == ""


def test_the_same_text_keeps_the_same_place():
    anchor = carry(OLD, OLD, 4, 11)
    assert (anchor.start, anchor.end, anchor.text) == (4, 11, OLD[4:11])
