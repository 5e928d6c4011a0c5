"""Screenshots of the editorial desk for the README: ``make screenshots``.

Builds a throwaway newsroom (a temporary SQLite database with the demo data,
plus a few stories in review, returned and in draft), serves it on a free
port, signs in as the demo editor and moderator in headless Chromium, and
writes small PNGs into ``docs/screenshots/``.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or ROOT / "docs" / "screenshots")
VIEWPORT = {"width": 1280, "height": 1000}
FRESH = None  # the story never published that waits for review (prepare_newsroom)
# A shot's anchor that is clicked rather than scrolled to: the button opening the picture dialog.
PICTURES = "[data-picture-open]"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_newsroom() -> tuple[int, int]:
    """Load the demo newsroom and give the desk something to show; return the lead story's ID."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from articles import services
    from articles.models import Article
    from articles.models.content import content_names
    from articles.services.demo import REVIEW_KEY

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    users = get_user_model().objects
    editor, moderator = users.get(username="editor"), users.get(username="moderator")

    def revise(key, **changes):
        article = Article.objects.get(external_id=key)
        head = article.latest_revision
        content = {name: getattr(head, name) for name in content_names()}
        for name, (old, new) in changes.items():
            content[name] = content[name].replace(old, new, 1)
        services.revision_create(
            article=article,
            user=editor,
            content=content,
            authors=head.ordered_authors(),
            tags=list(head.tags.all()),
            base_revision=head,
            note="Sharper headline, the source named",
        )
        article.refresh_from_db()
        services.article_submit(article=article, revision=article.latest_revision, user=editor)
        return article

    lead = revise(
        "a54217c168f06ee1",
        headline_ar=("يبحثان جدولا زمنيا", "يتفاوضان على جدول زمني"),
        headline_en=("hold talks on", "negotiate"),
        body_ar=(
            "أجريا محادثات",
            'أجريا <strong>مفاوضات</strong> <a href="https://www.example.org/statement">رسمية</a>',
        ),
        body_en=("have held talks", "have held <strong>formal</strong> talks"),
    )
    revise("demo-politics-budget", headline_ar=("يناقش", "يقر"))
    returned = revise("demo-culture-book-fair", headline_ar=("مئات الناشرين", "ثلاثمئة ناشر"))
    services.article_request_changes(
        article=returned, user=moderator, comment="اذكر عدد دور النشر كما ورد في بيان المعرض، مع المصدر."
    )
    oil = services.article_create(
        user=editor,
        content={"headline_ar": "وزارة النفط تعلن خطة لزيادة الإنتاج", "body_ar": "<p>مسودة أولى.</p>"},
        note="First draft",
    )
    trashed = services.article_create(
        user=editor, content={"headline_ar": "مسودة مكررة عن أسعار الوقود", "body_ar": "<p>نص.</p>"}
    )
    services.article_trash(article=trashed, user=editor)
    global FRESH  # noqa: PLW0603 - read by shoot(), which runs in this process
    FRESH = Article.objects.get(external_id=REVIEW_KEY).pk  # the demo's story never published, in review
    # What the editor typed and never saved (a closed tab): the form offers it back.
    from drafts.services import buffer_save

    buffer_save(
        user=editor,
        article=oil,
        base_revision=oil.latest_revision,
        content={
            "headline_ar": ["وزارة النفط تعلن خطة لزيادة الإنتاج إلى أربعة ملايين برميل"],
            "body_ar": ["<p>مسودة أولى.</p><p>وقال المتحدث باسم الوزارة إن الخطة تبدأ مطلع العام المقبل.</p>"],
            "slug": [oil.latest_revision.slug],
        },
    )
    return lead.pk, oil.pk


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The server did not answer at {url}.")


def shoot(base: str, lead: int, oil: int, only: set[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from articles.models import Article
    from comments.demo import KEY as COMMENTED_STORY
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    commented = Article.objects.get(external_id=COMMENTED_STORY).pk

    shots = [
        # (file, account, admin language, address, element to scroll to)
        ("dashboard.png", "editor", "en", "/admin/", None),
        ("story-form-arabic-admin.png", "editor", "ar", f"/admin/articles/article/{lead}/change/", None),
        ("story-form-english-admin.png", "editor", "en", f"/admin/articles/article/{lead}/change/", None),
        ("review-queue.png", "moderator", "en", "/admin/articles/article/review/", None),
        ("compare.png", "moderator", "en", f"/admin/articles/article/{lead}/compare/", None),
        ("budget-arabic-desk.png", "editor", "ar", "/admin/planning/budgetline/", None),
        # The action area, the review view (both kinds), the queue and the trash, in both desks.
        ("dashboard-arabic-desk.png", "moderator", "ar", "/admin/", None),
        ("review-queue-arabic-desk.png", "moderator", "ar", "/admin/articles/article/review/", None),
        ("action-area-arabic-desk.png", "moderator", "ar", f"/admin/articles/article/{lead}/change/", None),
        ("action-area-english-desk.png", "moderator", "en", f"/admin/articles/article/{lead}/change/", None),
        ("review-new-story-arabic-desk.png", "moderator", "ar", f"/admin/articles/article/{FRESH}/review/", None),
        ("review-new-story-english-desk.png", "moderator", "en", f"/admin/articles/article/{FRESH}/review/", None),
        ("review-live-story-arabic-desk.png", "moderator", "ar", f"/admin/articles/article/{lead}/review/", None),
        ("review-live-story-english-desk.png", "moderator", "en", f"/admin/articles/article/{lead}/review/", None),
        ("trash-english-desk.png", "editor", "en", "/admin/articles/article/?status__exact=trashed", None),
        # The demo's story in review: its threads beside the Arabic fields, the phrase marked.
        (
            "story-comments-arabic-desk.png",
            "moderator",
            "ar",
            f"/admin/articles/article/{commented}/change/",
            ".story-columns",
        ),
        # The story form's picture dialog, opened.
        ("picture-dialog-arabic-desk.png", "editor", "ar", f"/admin/articles/article/{lead}/change/", PICTURES),
        ("picture-dialog-english-desk.png", "editor", "en", f"/admin/articles/article/{lead}/change/", PICTURES),
        # The unsaved text offered back, then restored and kept as a draft copy.
        *(
            (f"draft-copy-{step}-{name}-admin.png", "editor", language, f"/admin/articles/article/{oil}/change/", step)
            for language, name in (("ar", "arabic"), ("en", "english"))
            for step in ("offer", "saved")
        ),
    ]
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, account, language, address, anchor in shots:
            if only and name not in only:
                continue
            context = browser.new_context(base_url=base, viewport=VIEWPORT, locale=language)
            page = context.new_page()
            page.goto("/admin/login/")
            page.fill("#id_username", account)
            page.fill("#id_password", f"{account}-demo-2026")
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")
            page.goto(address)
            page.wait_for_load_state("networkidle")
            if anchor == "offer":
                page.click("[data-autosave-compare]")
                page.wait_for_selector("[data-autosave-diff] ins")
            elif anchor == "saved":
                page.click("[data-autosave-restore]")
                page.wait_for_selector("[data-autosave-status][data-state=saved]", timeout=15_000)
            elif anchor == PICTURES:
                page.click(PICTURES)
                page.locator(".picture-choice img").first.wait_for()
            elif anchor:
                page.locator(anchor).first.scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -60)")
            path = OUT / name
            page.screenshot(path=path, type="png")
            written.append(path)
            context.close()
        written += presence_shots(browser, base)
        browser.close()
    return written


def presence_shots(browser, base: str) -> list[Path]:
    """The story form with a colleague in it, and the notice of a take-over, in both desk languages."""
    # The colleague's heartbeats and take-over are made here, between page
    # actions, while Playwright's event loop runs in this thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from presence import services

    moderator = get_user_model().objects.get(username="moderator")
    story = Article.objects.get(external_id="demo-culture-book-fair")  # a draft, back with its editor
    address = f"/admin/articles/article/{story.pk}/change/"
    written = []
    for language in ("ar", "en"):
        context = browser.new_context(base_url=base, viewport=VIEWPORT, locale=language)
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-demo-2026")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        # The moderator has the story open and is typing in it.
        services.presence_beat(article=story, user=moderator, tab=f"shot{language}", typing=True, unsaved=True)
        page.goto(address)
        page.wait_for_selector("[data-presence-active]")
        written.append(OUT / f"presence-{language}-desk.png")
        page.screenshot(path=written[-1], type="png")
        # The editor types; the moderator takes the story over; the editor's next heartbeat says so.
        page.fill("#id_note", "…")
        page.wait_for_timeout(600)
        services.story_take_over(article=story, by=moderator)
        services.presence_leave(article=story, user=moderator, tab=f"shot{language}")
        page.wait_for_selector("[data-presence-taken-over]", timeout=10_000)
        written.append(OUT / f"take-over-{language}-desk.png")
        page.screenshot(path=written[-1], type="png")
        context.close()
    return written


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsroom-screenshots-") as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "MEDIA_ROOT": f"{scratch}/media",
            "DEBUG": "true",
        }
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        lead, oil = prepare_newsroom()
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/admin/login/")
            # Names given on the command line: only those screenshots.
            for path in shoot(base, lead, oil, only=set(sys.argv[1:]) or None):
                print(f"  {path}  {path.stat().st_size // 1024} KB")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
