from django.db import migrations

IMAGE_TEXT = ("alt", "caption", "credit")
LANGUAGES = ("ar", "en")


def names(obj):
    return {f"name_{code}": getattr(obj, f"name_{code}") or "" for code in LANGUAGES}


def refill(apps, schema_editor):
    """Stories' stored extras gain their section and picture (as services.live writes them from now on)."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(live_revision__isnull=False).select_related("section", "lead_image").iterator():
        extras = dict(article.live_extras or {})
        section, image = article.section, article.lead_image
        extras["section"] = (
            {"id": section.pk, "slug": section.slug, "order": section.order, **names(section)} if section else None
        )
        extras["image"] = (
            {
                "id": image.pk,
                "width": image.width,
                "height": image.height,
                "sources": image.sources,
                **{f"{name}_{code}": getattr(image, f"{name}_{code}") or "" for name in IMAGE_TEXT for code in LANGUAGES},
            }
            if image
            else None
        )
        Article.objects.filter(pk=article.pk).update(live_extras=extras)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_rendition_sources_and_live_extras")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
