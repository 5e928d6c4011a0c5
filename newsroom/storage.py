"""Where uploaded originals are kept: out of readers' reach.

Readers get renditions (resized, re-encoded, without EXIF) from the public
media storage. The originals editors upload can carry what a reader must
not get (a camera's GPS position, the full-size file an agency sold once), so
on disk they live outside ``MEDIA_ROOT``, under ``NEWSROOM_ORIGINALS_ROOT``,
where no web server serves them; their only address is an admin screen that
checks the editor's permission.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.functional import LazyObject, cached_property, empty


class OriginalsStorage(FileSystemStorage):
    """A folder with no public address: ``url()`` names the admin's screen for the file."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.NEWSROOM_ORIGINALS_ROOT)

    def url(self, name):
        return reverse("admin:articles_image_original", kwargs={"name": name})

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "NEWSROOM_ORIGINALS_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class _Originals(LazyObject):
    """``storages["originals"]``, looked up when first used (as ``default_storage`` is)."""

    def _setup(self):
        self._wrapped = storages["originals"]


originals_storage = _Originals()


def _forget_originals(*, setting, **kwargs):
    if setting == "STORAGES":
        originals_storage._wrapped = empty


setting_changed.connect(_forget_originals)
