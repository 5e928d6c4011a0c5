"""The demo newsroom: sections, bylines, tags and a handful of stories.

The lead story is the sample report in ``sample_story_ar.txt`` with its
English translation in ``sample_story_en.txt``; the others are short
stories so that every section has something in it.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

SECTIONS = [
    # slug, Arabic name, English name
    ("politics", "سياسة", "Politics"),
    ("economy", "اقتصاد", "Economy"),
    ("world", "العالم", "World"),
    ("culture", "ثقافة", "Culture"),
    ("sport", "رياضة", "Sport"),
]

AUTHORS = [
    # slug, Arabic name, English name, Arabic bio, English bio
    (
        "sara-hassan",
        "سارة حسن",
        "Sara Hassan",
        "مراسلة الشؤون السياسية في القاهرة.",
        "Political correspondent in Cairo.",
    ),
    ("omar-khalil", "عمر خليل", "Omar Khalil", "محرر الشؤون الاقتصادية.", "Economics editor."),
    ("layla-abdullah", "ليلى عبد الله", "Layla Abdullah", "محررة الثقافة والرياضة.", "Culture and sport editor."),
]

TAGS = [
    # slug, Arabic name, English name
    ("iraq", "العراق", "Iraq"),
    ("united-states", "الولايات المتحدة", "United States"),
    ("coalition", "التحالف الدولي", "International coalition"),
    ("oil", "النفط", "Oil"),
    ("books", "الكتب", "Books"),
    ("football", "كرة القدم", "Football"),
]


def _paragraphs(path: Path) -> tuple[str, list[str]]:
    """The dateline (first line, without its dash) and the paragraphs of a story file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dateline = lines[0].rstrip("–-— ").strip()
    return dateline, lines[1:]


def _html(paragraphs: list[str]) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def sample_story() -> dict:
    """The sample story, in Arabic and English, as the loader needs it."""
    dateline_ar, body_ar = _paragraphs(HERE / "sample_story_ar.txt")
    dateline_en, body_en = _paragraphs(HERE / "sample_story_en.txt")
    return {
        "key": "a54217c168f06ee1",
        "section": "politics",
        "authors": ["sara-hassan"],
        "tags": ["iraq", "united-states", "coalition"],
        "content": {
            "headline_ar": "العراق والولايات المتحدة يبحثان جدولا زمنيا لانسحاب قوات التحالف",
            "headline_en": "Iraq and US hold talks on a timetable for the coalition's withdrawal",
            "standfirst_ar": "متحدث عسكري عراقي: المحادثات تهدف إلى تحديد موعد للانسحاب التدريجي لقوات التحالف بقيادة الولايات المتحدة",
            "standfirst_en": "An Iraqi military spokesman says the talks aim to set a date for the gradual withdrawal of US-led coalition forces",
            "dateline_ar": dateline_ar,
            "dateline_en": dateline_en,
            "body_ar": _html(body_ar),
            "body_en": _html(body_en),
            "slug": "iraq-us-talks-coalition-withdrawal",
        },
        "image": {
            "name": "coalition-talks.jpg",
            "alt_ar": "رسم توضيحي: خريطة مبسطة للعراق وجيرانه بألوان هادئة",
            "alt_en": "Illustration: a simplified map of Iraq and its neighbours in muted colours",
            "caption_ar": "يتمركز في العراق 2500 جندي أمريكي ضمن التحالف الدولي",
            "caption_en": "The United States has 2,500 troops in Iraq as part of the international coalition",
            "credit_ar": "رسم: الخبر",
            "credit_en": "Illustration: Al-Khabar",
        },
    }


SHORT_STORIES = [
    {
        "key": "demo-economy-oil",
        "section": "economy",
        "authors": ["omar-khalil"],
        "tags": ["oil", "iraq"],
        "content": {
            "headline_ar": "أسعار النفط ترتفع مع تراجع المخزونات",
            "headline_en": "Oil prices rise as stockpiles fall",
            "standfirst_ar": "المتعاملون يترقبون بيانات الطلب في الأسواق الآسيوية",
            "standfirst_en": "Traders await demand figures from Asian markets",
            "dateline_ar": "بغداد",
            "dateline_en": "Baghdad",
            "body_ar": "<p>ارتفعت أسعار النفط في تعاملات اليوم بعد بيانات أظهرت تراجع المخزونات أكثر من المتوقع.</p>"
            "<p>وقال محللون إن الأسواق ستبقى متقلبة إلى حين اتضاح صورة الطلب في الأشهر المقبلة.</p>",
            "body_en": "<p>Oil prices rose in trading today after figures showed stockpiles falling more than expected.</p>"
            "<p>Analysts said markets would remain volatile until the picture of demand for the coming months becomes clearer.</p>",
        },
    },
    {
        "key": "demo-world-red-sea",
        "section": "world",
        "authors": ["sara-hassan", "omar-khalil"],
        "tags": ["united-states"],
        "content": {
            "headline_ar": "اجتماع إقليمي يبحث أمن الملاحة في البحر الأحمر",
            "headline_en": "Regional meeting discusses shipping security in the Red Sea",
            "standfirst_ar": "شركات الشحن تطالب بضمانات لعبور آمن",
            "standfirst_en": "Shipping companies call for guarantees of safe passage",
            "dateline_ar": "القاهرة",
            "dateline_en": "Cairo",
            "body_ar": "<p>بحث مسؤولون من دول المنطقة في اجتماع عقد اليوم سبل حماية السفن التجارية في البحر الأحمر.</p>"
            "<p>وأكد المشاركون أهمية التنسيق بين الدول المطلة على البحر لضمان استمرار حركة التجارة.</p>",
            "body_en": "<p>Officials from countries in the region met today to discuss ways of protecting merchant ships in the Red Sea.</p>"
            "<p>Participants stressed the importance of coordination between the countries on its shores to keep trade moving.</p>",
        },
    },
    {
        "key": "demo-culture-book-fair",
        "section": "culture",
        "authors": ["layla-abdullah"],
        "tags": ["books"],
        "content": {
            "headline_ar": "معرض الكتاب يفتح أبوابه بمشاركة مئات الناشرين",
            "headline_en": "Book fair opens its doors with hundreds of publishers",
            "standfirst_ar": "برنامج ثقافي حافل بالندوات والأمسيات الشعرية",
            "standfirst_en": "A full programme of talks and poetry evenings",
            "dateline_ar": "القاهرة",
            "dateline_en": "Cairo",
            "body_ar": "<p>افتتح معرض الكتاب دورته الجديدة بمشاركة مئات من دور النشر العربية والأجنبية.</p>"
            "<p>ويتضمن البرنامج ندوات عن الترجمة وأمسيات شعرية ولقاءات مع الكتّاب.</p>",
            "body_en": "<p>The book fair opened its new edition with hundreds of Arab and foreign publishing houses taking part.</p>"
            "<p>The programme includes talks on translation, poetry evenings and meetings with writers.</p>",
        },
    },
    {
        "key": "demo-sport-qualifiers",
        "section": "sport",
        "authors": ["layla-abdullah"],
        "tags": ["football", "iraq"],
        "content": {
            "headline_ar": "المنتخب العراقي يبدأ استعداداته للتصفيات",
            "headline_en": "Iraq's national team begins preparing for the qualifiers",
            "standfirst_ar": "معسكر تدريبي لمدة أسبوعين قبل المباراة الأولى",
            "standfirst_en": "A two-week training camp before the first match",
            "dateline_ar": "البصرة",
            "dateline_en": "Basra",
            "body_ar": "<p>بدأ المنتخب العراقي لكرة القدم معسكرا تدريبيا استعدادا لمباريات التصفيات المقبلة.</p>"
            "<p>وقال المدرب إن الفريق يركز على اللياقة البدنية وتجربة عدد من اللاعبين الشباب.</p>",
            "body_en": "<p>Iraq's national football team has begun a training camp ahead of the coming qualifying matches.</p>"
            "<p>The coach said the team was concentrating on fitness and trying out several young players.</p>",
        },
    },
    {
        # Arabic only: the English edition does not list it.
        "key": "demo-politics-budget",
        "section": "politics",
        "authors": ["sara-hassan"],
        "tags": ["iraq"],
        "content": {
            "headline_ar": "البرلمان يناقش مشروع قانون الموازنة",
            "standfirst_ar": "نواب يطالبون بزيادة مخصصات الخدمات",
            "dateline_ar": "بغداد",
            "body_ar": "<p>ناقش البرلمان في جلسته اليوم مشروع قانون الموازنة العامة للعام المقبل.</p>"
            "<p>وطالب عدد من النواب بزيادة المخصصات المالية للخدمات الأساسية في المحافظات.</p>",
        },
    },
]


def stories() -> list[dict]:
    """Every demo story; the sample story last, so that it is the newest and leads the home page."""
    return [*SHORT_STORIES, sample_story()]
