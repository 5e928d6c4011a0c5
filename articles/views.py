"""The public site. Views are thin: they ask the selectors and render."""

from django.http import Http404, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from . import selectors
from .models import Article, Author, Section, Tag
from .presentation import StoryPage


def home(request):
    stories = selectors.article_live().in_language(get_language())[:20]
    return render(request, "articles/home.html", {"stories": stories})


def story(request, pk: int, slug: str):
    try:
        article = selectors.article_live_detail(pk)
    except Article.DoesNotExist:
        if Article.objects.filter(pk=pk, first_published_at__isnull=False).exists():
            return HttpResponseGone()
        raise Http404 from None
    if not article.has_language(get_language()):
        raise Http404
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/story.html", {"story": StoryPage.live(article)})


def section(request, slug: str):
    section = get_object_or_404(Section, slug=slug)
    stories = selectors.article_live().in_language(get_language()).filter(section=section)[:20]
    return render(request, "articles/list.html", {"title": section.name, "stories": stories})


def tag(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    stories = selectors.article_live().in_language(get_language()).filter(tags=tag)[:20]
    return render(request, "articles/list.html", {"title": tag.name, "stories": stories})


def author(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    stories = selectors.article_live().in_language(get_language()).filter(authors=author)[:20]
    return render(request, "articles/list.html", {"title": author.name, "stories": stories})
