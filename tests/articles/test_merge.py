"""Lining two bodies up by paragraph and taking the paragraphs an editor picks."""

from articles.merge import BOTH, NEW, OLD, merge_apply, merge_plan, paragraphs

MINE = "<p>قال المتحدث إن المحادثات بدأت.</p><p>وأضاف أن <strong>الانسحاب</strong> سيبدأ قريبا.</p><p>انتهى.</p>"
THEIRS = "<p>قال المتحدث إن المحادثات بدأت.</p><p>وأضاف أن الانسحاب يبدأ في سبتمبر.</p><p>انتهى.</p><p>خبر إضافي.</p>"


def test_a_body_splits_into_its_top_level_blocks_with_their_markup():
    body = '<h2>عنوان</h2>\n<blockquote><p>اقتباس</p></blockquote><ul><li>أ</li></ul><hr><p>نص <a href="https://x.test/">رابط</a></p>'
    assert paragraphs(body) == [
        "<h2>عنوان</h2>",
        "<blockquote><p>اقتباس</p></blockquote>",
        "<ul><li>أ</li></ul>",
        "<hr>",
        '<p>نص <a href="https://x.test/">رابط</a></p>',
    ]


def test_only_the_paragraphs_that_differ_are_offered():
    plan = merge_plan(MINE, THEIRS)
    differing = [chunk for chunk in plan if not chunk.same]
    assert [(chunk.old_text, chunk.new_text) for chunk in differing] == [
        (["وأضاف أن الانسحاب سيبدأ قريبا."], ["وأضاف أن الانسحاب يبدأ في سبتمبر."]),
        ([], ["خبر إضافي."]),
    ]


def test_picks_take_either_side_or_both_and_the_new_side_by_default():
    plan = merge_plan(MINE, THEIRS)
    first, second = (chunk.index for chunk in plan if not chunk.same)
    assert merge_apply(plan, {}) == THEIRS
    mixed = merge_apply(plan, {first: OLD, second: NEW})
    assert "<strong>الانسحاب</strong> سيبدأ قريبا" in mixed and "خبر إضافي" in mixed and "سبتمبر" not in mixed
    both = merge_apply(plan, {first: BOTH, second: OLD})
    assert both.index("سيبدأ قريبا") < both.index("سبتمبر") and "خبر إضافي" not in both


def test_paragraphs_rewritten_on_both_sides_are_offered_one_pair_at_a_time():
    plan = merge_plan("<p>أ</p><p>ب</p><p>ج</p>", "<p>أ١</p><p>ب١</p>")
    differing = [chunk for chunk in plan if not chunk.same]
    assert [(chunk.old, chunk.new) for chunk in differing] == [
        (["<p>أ</p>"], ["<p>أ١</p>"]),
        (["<p>ب</p>"], ["<p>ب١</p>"]),
        (["<p>ج</p>"], []),
    ]
    first, second, third = (chunk.index for chunk in differing)
    assert merge_apply(plan, {first: OLD, second: NEW, third: OLD}) == "<p>أ</p><p>ب١</p><p>ج</p>"
