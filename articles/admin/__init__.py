"""The newsroom's admin: the story desk and everything around it.

Declarative ModelAdmins; the story's own screens come from
``ArticleAdmin.get_urls``. Every change is a service call, every list a
selector.
"""

from django.contrib import admin

from ..models import Article, Author, Correction, Image, Revision, Section, Tag, Transition
from .library import AuthorAdmin, ImageAdmin, SectionAdmin, TagAdmin
from .records import CorrectionAdmin, RevisionAdmin, TransitionAdmin
from .stories import ArticleAdmin

admin.site.register(Article, ArticleAdmin)
admin.site.register(Section, SectionAdmin)
admin.site.register(Tag, TagAdmin)
admin.site.register(Author, AuthorAdmin)
admin.site.register(Image, ImageAdmin)
admin.site.register(Revision, RevisionAdmin)
admin.site.register(Transition, TransitionAdmin)
admin.site.register(Correction, CorrectionAdmin)
