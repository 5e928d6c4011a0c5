"""The light stemmer as it was when issue 21 was filed, kept for the comparison table only.

``docs/search.md`` reports every figure against it, so that what each change
to ``articles.search.normalise`` bought stays visible. Nothing else uses it.
"""

import re

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", "\u0640": None}
)
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
ARTICLES = ("وبال", "وكال", "وفال", "ولل", "وال", "فال", "بال", "كال", "لل", "ال")
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
SUFFIXES = ("يين", "يون", "يات", "ات", "ان", "ين", "ون", "يه", "ها", "هم", "ا", "ي", "ه")


def stem(word: str) -> str:
    word = DIACRITICS.sub("", word).translate(LETTERS).lower()
    if not ARABIC_LETTER.search(word):
        return word
    for _round in range(2):
        article = next((a for a in ARTICLES if word.startswith(a) and len(word) - len(a) >= 2), None)
        if article:
            word = word[len(article) :]
            break
        if word[:1] in CONJUNCTIONS and len(word) >= 4 or word[:1] in PREPOSITIONS and len(word) >= 5:
            word = word[1:]
        else:
            break
    for _round in range(2):
        suffix = next((s for s in SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3), None)
        if not suffix:
            break
        word = word[: -len(suffix)]
    return word
