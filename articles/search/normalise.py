"""The Arabic rules of search, pure: folding spellings together, clitics and endings off.

Arabic is written with optional diacritics, several forms of alef and hamza,
ta marbuta or ha, and with clitics glued to the front of a word (و، ف، ب، ل،
ال، لل، وال، بال ...). A reader typing ``والتحالف`` or ``الإنسحاب`` expects
the stories that say ``التحالف`` and ``للانسحاب``. So every Arabic word is
reduced to a light stem both when a story is indexed (``index``) and when a
query is read (``query``); the two meet on the stem. Nothing here touches the
database, and both sides call ``analyse``: one set of rules.

Light stemming also makes different words meet, which readers see as false
hits: ``كتائب`` (brigades) is not ك + ``تائب`` (repentant), ``وعود`` (promises)
is not و + ``عود``, ``الثورة`` (the revolution) is not ``ثور`` (a bull), and
``على`` (on) folded to ``علي`` is not the name Ali. The rules below say, with
reasons, which letters can be a clitic or an ending on which words; the
relevance set in ``tests/articles/search/`` measures them (``make
search-eval``, figures in ``docs/search.md``):

- Function words (في، على، إلى، أمام ...) are no search terms; they are
  recognised as written, before letters are folded, so that the name ``علي``
  and the adjective ``آلي`` stay searchable.
- ال is the article only when written with a bare alef: ``ألبوم`` and
  ``إلهام`` begin with a hamza, so their ال is part of the word.
- ك is a clitic only before the article (كال): alone it is far more often
  the word's first letter (كتائب، كبير، كريم، كمال).
- و، ف، ب، ل alone are ambiguous: ``وقال`` is و + قال but ``وزير`` is one word.
  Unless the word is one the lexicon knows (``WHOLE``), both readings are
  kept: the word is indexed and searched under both terms, so ``وتحالف``
  still finds ``تحالف`` and ``الوفير`` still finds ``وفير``.
- Ta marbuta stays (as ه): ``مدرسة`` is not ``مدرس``, ``شركة`` not ``شرك``.
  Feminine plurals in ات are read as the singular in ة (``شركات`` →
  ``شركه``), except where the singular is masculine (``تصريحات``، ``قرارات``).
- Nisba and plural endings come off only where a stem of the right length
  remains: ``أمريكية`` → ``امريك`` but ``عادي`` (ordinary) keeps its ي and is
  not ``عاد`` (returned).
- Arabic-Indic (٠-٩) and Persian (۰-۹) digits are folded to 0-9, and digit
  groups (٢٬٥٠٠، 2,500) joined, so that ``٢٥٠٠`` finds ``2500``. Pages show
  the text as written; only the terms are folded.
"""

import re
from functools import lru_cache

# Harakat, Quranic marks, superscript alef: meaning-neutral for search.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        TATWEEL: None,
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Persian
    }
)
# A word, with any diacritics and tatweel inside it kept attached.
WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# A thousands separator inside a number (2,500 or ٢٬٥٠٠): the number is one term.
DIGIT_GROUP = re.compile(r"(?<=\d)[,\u066c](?=\d\d\d(?!\d))")

MAX_WORD_LENGTH = 100


def _listed(text: str) -> frozenset[str]:
    """The words of ``text``, one or more to a line (a list of Arabic words reads better so)."""
    return frozenset(text.split())


# Words that carry no subject, as written (diacritics off, hamza kept), with
# their common clitic and pronoun forms. They are dropped from the index and
# from queries; a phrase still counts their places.
FUNCTION_WORDS = _listed(
    """
    في فى من إلى الى إلي على عن مع عند عندما بين حتى حتي منذ نحو ضد حول دون خلال لدى لدي أمام وراء
    قبل بعد فوق تحت غير سوى مثل عبر لأن لان كي لكي أو او أم بل لكن ولكن ثم قد لقد وقد فقد
    إن أن ان إنه أنه انه إنها أنها انها إنما أنما لا لم لن ما ماذا لما مما عما كما كلما إذا اذا إذ اذ
    لو لولا ليس ليست كان كانت يكون تكون كانوا هذا هذه هذان هاتان ذلك تلك هؤلاء أولئك الذي التي
    الذين اللذان اللتان اللواتي اللاتي هو هي هم هما هن نحن أنا انا أنت انت أنتم انتم
    له لها لهم لهما به بها بهم فيه فيها فيهم منه منها منهم مني عنه عنها عنهم عني عليه عليها عليهم
    إليه إليها إليهم اليه اليها اليهم لديه لديها لديهم كل بعض أي اي أيضا ايضا هناك هنا يا أما اما
    إلا الا ألا وفي ومن وإلى والى وعلى وعن ومع وهو وهي وهم وكان وكانت وأن وان وإن وما ولا ولم
    فإن فان فلا فهو فهي بأن بان
    """
)

# Words the lexicon knows, folded: a first letter that looks like a clitic
# (و ف ب ل) or an ending that looks like one (ان ين ون ي يه ات) belongs to
# the word. Stems after endings are off count too (``ولاي`` for ولاية and
# الولايات). The list names the everyday words of news that the rules
# would otherwise cut into other words.
WHOLE = _listed(
    """
    وزير وزراء وزاره وزاري وعود وعد وحده وجود وكيل وكاله وسام واحد والي والد والده وطن وطني
    وفد وفاه وقت وقف وصل وصول وضع وثيقه وسيط ورقه وادي واقع ولاي ولد ولاده وليد وايل وفاء
    وجه وجهه وظيفه وظايف وقود وفير واسع واضح واشنطن وحيد وصف وسايل وسيله وعي وزن وقايع وديع
    فيصل فراس فتاه فلاح فريق فرنسا فرنس فلسطين فيلم فوز فوزي فكره فندق فصل فتره فرصه فقير
    فضاء فن فني فنان فاطمه فهد فيضان فيروس فارس فرع فوايد فايز فايده فاتوره فاعل فعل فرح فتح
    فجر فساد فشل فوضي فواكه فايض فلسفه
    بلد بلاد بلدي بلديه بحر بحري بحيره بعثه بيت بنك بنوك بريد برلمان بطل بطوله بيان بدايه
    بغداد بيروت باريس بريطانيا بريطان بكين برلين بحرين بورصه بنت بنات بير بشير باسم بلال بدر
    برنامج بحث بحوث بيع بييه بديل بعيد بقاء بناء باب بوابه بايع بطاقه بطاله بضايع بترول برج
    بركان برك
    لبنان لجنه لجان لقاء لاعب لعب لعبه لغه لحظه ليبيا ليبي لندن لوحه لطيف ليله ليل لون لحم
    لاجي ليمون لايحه لقب لواء لسان لهجه
    المان الهام البوم الله الف الفين الاف الات العاب الوان الياس الغام القاب الواح
    سلمان عثمان عمران طهران رمضان سودان انسان ميدان مكان زمان امان ايمان عنوان حيوان ديوان
    سلطان بستان عدوان طوفان طيران ميزان سرطان اعلان يابان يونان مهرجان سليمان عدنان مروان
    حسان رضوان شعبان جيران نيران
    ياسين تامين ثلاثين عشرين اربعين خمسين ستين سبعين ثمانين تسعين سنين بنين مسكين تموين
    تكوين تعيين تدوين
    زيتون كانون مليون قانون صابون هارون تلفزيون فرعون مضمون
    هديه هويه قضيه ناديه اغنيه حريه بنيه امنيه رويه
    """
)
# Forms the rules cannot reach, and the term each is indexed under.
SPELLINGS = {
    "سنوات": "سنه",
    "قوات": "قوه",
    "اغنيات": "اغنيه",
    "ثلاثون": "ثلاثين",
    "عشرون": "عشرين",
    "اربعون": "اربعين",
    "خمسون": "خمسين",
    "ستون": "ستين",
    "سبعون": "سبعين",
    "ثمانون": "ثمانين",
    "تسعون": "تسعين",
}
# Plurals in ات whose singular is masculine (most are feminine: شركات → شركة).
MASCULINE_PLURALS = _listed("قرار مطار ملف حساب مشروع بيان حيوان نبات امتحان سجل مهرجان تطور طلب مخطوط شعار قطار")

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل")
PRONOUNS = ("هما", "هم", "ها")


def bare(word: str) -> str:
    """``word`` without diacritics and tatweel, its letters otherwise as written."""
    return DIACRITICS.sub("", word).replace(TATWEEL, "")


def normalize(text: str) -> str:
    """Fold the spellings of Arabic text together (and lower-case Latin, fold digits)."""
    return DIACRITICS.sub("", text).translate(LETTERS).lower()


DIGITS = str.maketrans(
    {
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)


def fold_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits as 0-9 and numbers' thousands separators out."""
    return join_numbers((text or "").translate(DIGITS))


def join_numbers(text: str) -> str:
    """``text`` with thousands separators inside numbers taken out (2,500 → 2500)."""
    return DIGIT_GROUP.sub("", text or "")


def is_function_word(written: str) -> bool:
    """Whether a word (diacritics off, hamza as written) is a function word."""
    return written in FUNCTION_WORDS


def _readings(written: str) -> list[tuple[str, bool]]:
    """The ways ``written`` can be split into clitics and a stem: (folded stem, has the article).

    The word itself comes first, then readings with more clitics off.
    """
    word = written.translate(LETTERS)
    found = [(word, False)]
    for conjunction in ("", *(c for c in CONJUNCTIONS if word.startswith(c))):
        rest, rest_written = word[len(conjunction) :], written[len(conjunction) :]
        if conjunction and len(rest) >= 3:
            found.append((rest, False))
        # ل with the article is written لل; ب and ك take it whole (بال، كال).
        if rest.startswith("لل") and len(rest) >= 4:
            found.append((rest[2:], True))
        for preposition in ("", "ب", "ك"):
            start = len(preposition)
            # A bare alef: an alef with hamza (ألبوم، إلهام) begins the word itself.
            if (
                rest.startswith(preposition)
                and rest_written[start : start + 2] in ("ال", "ٱل")
                and len(rest) - start >= 4
            ):
                found.append((rest[start + 2 :], True))
        for preposition in PREPOSITIONS:
            if rest.startswith(preposition) and not rest.startswith("لل") and len(rest) >= 4:
                found.append((rest[1:], False))
    return list(dict.fromkeys(found))


def _endings_off(word: str, *, definite: bool) -> str:
    """The stem of a folded word without clitics: pronoun, nisba, plural and dual endings off."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word in WHOLE:
        return word
    for pronoun in PRONOUNS:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 3:
            word = _ta_marbuta(word[: -len(pronoun)])
            if word in WHOLE:
                return word
            break
    else:
        # An alef of tanween or of a name's ending (رسميا، أمريكا); not after
        # ن or و, where it is a pronoun or a verb's ending (بلادنا، قالوا).
        # After ي the stem keeps four letters: سوريا → سوري, but المنيا stays.
        if word.endswith("ا") and len(word) >= (5 if word[-2] == "ي" else 4) and word[-2] not in "نوا":
            word = word[:-1]
        # His or her thing in ة: قريته → قريه.
        elif word.endswith("ته") and len(word) >= 5:
            word = _ta_marbuta(word[:-1])
    if word in SPELLINGS:
        return SPELLINGS[word]
    for nisba in ("يين", "يون", "يات", "يه"):
        if word.endswith(nisba):
            stem = word[: -len(nisba)]
            if len(stem) >= 4:
                return stem
            if len(stem) >= 2:
                return stem + "ي"
    if word.endswith("ي") and len(word) - 1 >= 4:
        return word[:-1]
    if word.endswith("ات") and len(word) - 2 >= 3:
        stem = word[:-2]
        masculine = (
            stem in MASCULINE_PLURALS
            or stem.startswith("ا")
            and len(stem) >= 5
            or stem.startswith("ت")
            and len(stem) >= 4
            and stem[-2] == "ي"
        )
        return stem if masculine else stem + "ه"
    for plural in ("ين", "ون", "ان"):
        if not word.endswith(plural):
            continue
        stem = word[:-2]
        if plural == "ان" and (not definite and len(stem) < 4 or _masdar(word)):
            break
        if len(stem) < 3 or word.endswith("ستان"):
            break
        # The dual of a word in ة: ساعتين → ساعة.
        return _ta_marbuta(stem)
    return word


def _masdar(word: str) -> bool:
    """Whether ``word`` has the shape of a verbal noun in ان (امتحان، اعلان، ايمان): its ن is a root letter."""
    return word.startswith("ا") and len(word) >= 5 and word[-2] == "ا"


def _ta_marbuta(word: str) -> str:
    """A ة written ت before a pronoun or a dual ending back to ة (شجاعتها → شجاعه); short words keep their ت (بيت)."""
    return word[:-1] + "ه" if word.endswith("ت") and len(word) >= 4 else word


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[str, ...]:
    """The terms one written word is indexed and searched under, remembered: none, one or two.

    Two when a first و، ف، ب or ل may be a clitic or the word's own letter and
    the lexicon does not know which (see the module's docstring). A "word"
    longer than ``MAX_WORD_LENGTH`` is no word a reader searches for (a
    pasted token, a line of one letter) and PostgreSQL refuses tsvector
    entries over 2047 bytes, so it has no term.
    """
    written = bare(word).replace("_", "")
    if not written or len(written) > MAX_WORD_LENGTH:
        return ()
    if not ARABIC_LETTER.search(written):
        return (normalize(written),)
    if is_function_word(written):
        return ()
    readings = _readings(written)
    for stem, _definite in readings:
        if stem in WHOLE or stem in SPELLINGS:
            return (SPELLINGS.get(stem, stem),)
    stems = [(_endings_off(stem, definite=definite), definite) for stem, definite in readings]
    for stem, _definite in stems:
        if stem in WHOLE:
            return (stem,)
    with_article = [stem for stem, definite in stems if definite]
    if with_article:
        return (with_article[-1],)
    if len(stems) == 1:
        return (stems[0][0],)
    # The fullest reading and the one with most clitics off.
    return tuple(dict.fromkeys((stems[-1][0], stems[0][0])))


def clitics_off(written: str) -> str:
    """``written`` folded, with its clitics off as the rules read them (one reading, no endings touched).

    A word the lexicon knows keeps its letters; the article comes off where
    it is one; otherwise the reading with most clitics off. For measuring a
    library stemmer after the project's clitic rules.
    """
    readings = _readings(written)
    for stem, _definite in readings:
        if stem in WHOLE:
            return stem
    definite = [stem for stem, is_definite in readings if is_definite]
    return definite[-1] if definite else readings[-1][0]


def fold(word: str) -> str:
    """The first term ``word`` is indexed under ("" for none)."""
    terms = analyse(word)
    return terms[0] if terms else ""


def stem(word: str) -> str:
    """The light stem of one word (its first term); kept for callers of the older name."""
    return fold(word)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (diacritics still attached)."""
    return WORD.findall(text or "")


def word_terms(text: str) -> list[tuple[str, ...]]:
    """The terms of each word of ``text`` in order, an empty tuple for a word without any.

    Function words keep their place, so that a phrase's words are as far
    apart in a query as in a story.
    """
    return [analyse(word) for word in words(join_numbers(text))]


def arabic_terms(text: str) -> list[str]:
    """Every term of ``text``, in order, for indexing or querying (see ``analyse``)."""
    return [term for terms in word_terms(text) for term in terms]


def english_terms(text: str) -> list[str]:
    """The lower-cased Latin words of ``text`` (the SQLite fallback's terms), digits folded."""
    latin = (
        normalize(word)
        for word in words(join_numbers(text))
        if not ARABIC_LETTER.search(word) and len(word) <= MAX_WORD_LENGTH
    )
    # A "word" of diacritics or underscores only folds to nothing.
    return [term for term in latin if term.strip("_")]
