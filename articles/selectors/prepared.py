"""Queries the ORM builds and compiles once, then runs with the request's values.

A cold list page spent a third of its time in Django building its
querysets and compiling them to SQL (``docs/performance.md``), work whose
result is the same on every request but for a few values: the section's
id, the ids of the stories chosen. A ``Prepared`` query is built once per
shape (``key``) with stand-ins for those values, its SQL and parameters
kept, and run as it stands with the real values put in their places; its
rows are read as the ORM reads them (the converters of each column, the
related rows of ``select_related``, the annotations), so what a page gets
is what the queryset would have given it.

Making the rows' objects cost as much again: Django's ``Model.__init__``
sets each field through its descriptor and sends ``pre_init`` and
``post_init`` for every object (about 20 µs a story, 60 objects a list
page). A prepared query makes them directly (``_maker``: the object's
fields put in its ``__dict__``, as ``__init__`` leaves them), but only for
a model whose init signals are ones known to leave nothing behind
(``_is_harmless``), and only while the first row it read, made both ways,
came out the same (``Prepared.checked``); otherwise it keeps Django's
way. The converters of its columns are looked up once.

Kept per process, per database and shape; a change of settings (tests)
forgets them all, since what is compiled may depend on settings.
"""

from collections.abc import Callable, Sequence
from itertools import count

from django.core.signals import setting_changed
from django.db import connections
from django.db.models import QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.files import ImageField
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.models.signals import post_init, pre_init

# Stand-ins for the values a query is prepared without: numbers no row can
# hold and no query would write (the parameters' own ids are bigints).
_STAND_INS = count(-7_000_000_000_000_000_101, -1)
# The longest list of values (``pk__in``) a shape is prepared for; longer lists use the queryset itself.
LONGEST_LIST = 64


def _is_harmless(receiver, attnames: list[str]) -> bool:
    """Whether a ``post_init`` receiver leaves an object made from these columns as it found it."""
    owner = getattr(receiver, "__self__", None)
    if isinstance(owner, ImageField) and getattr(receiver, "__func__", None) is ImageField.update_dimension_fields:
        # It reads the picture's file for its size only when the file was read; a list reads the size stored.
        return owner.attname not in attnames
    # modeltranslation's: it removes the flag its own ``__init__`` wrapper set (``_mt_init``).
    return (
        getattr(receiver, "__module__", "") == "modeltranslation.translator" and receiver.__name__ == "delete_mt_init"
    )


def _maker(model, attnames: list[str]):
    """A function making ``model``'s object from a row's values as ``from_db`` does, or None if it may not.

    None when something listens to the model's ``pre_init``, or to its
    ``post_init`` with anything but ``_is_harmless`` receivers: what they
    do is then done by Django's own way.
    """
    if pre_init.has_listeners(model):
        return None
    if not all(_is_harmless(receiver, attnames) for receiver in post_init._live_receivers(model)[0]):
        return None
    new = model.__new__

    def make(alias, values):
        made = new(model)
        state = made._state = ModelState()
        state.adding, state.db = False, alias
        made.__dict__.update(zip(attnames, values, strict=True))
        return made

    return make


def _django_maker(model, attnames: list[str]):
    return lambda alias, values: model.from_db(alias, attnames, values)


def _populate(node, row, found) -> None:
    """What Django's ``RelatedPopulator.populate`` does, making the related object as ``node`` says.

    ``node`` is (the populator, how to make its object, the nodes of the objects related to that one).
    """
    populator, make, below = node
    if populator.reorder_for_init:
        values = populator.reorder_for_init(row)
    else:
        values = row[populator.cols_start : populator.cols_end]
    if values[populator.pk_idx] is None:
        related = None
    else:
        related = make(populator.db, values)
        for deeper in below:
            _populate(deeper, row, related)
    populator.local_setter(found, related)
    if related is not None:
        populator.remote_setter(related, found)


class Prepared:
    """One queryset's SQL and how to read its rows, with where each value goes among its parameters."""

    def __init__(self, queryset: QuerySet, slots: dict[str, int | list[int]], *, on_server: bool = False):
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):  # models, or tuples of values
            raise TypeError("only querysets of models or of values_list tuples are prepared")
        if queryset._prefetch_related_lookups:
            raise TypeError("a prepared query reads its rows alone; prefetching needs the queryset")
        self.alias = queryset.db
        self.on_server = on_server
        self.compiler = queryset.query.get_compiler(using=self.alias)
        sql, params = self.compiler.as_sql()
        self.sql, self.params, self.models = sql, list(params), queryset._iterable_class is ModelIterable
        if not self.models:
            query = queryset.query
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            if list(queryset._fields) != names:  # the ORM would reorder the columns; not done here
                raise TypeError("a prepared values_list names its columns in the order the query selects them")
        # Where each value goes: (its place among the parameters, which of the values given it is).
        self.places: dict[str, list[tuple[int, int]]] = {}
        self.sizes: dict[str, int] = {}
        for name, stand_in in slots.items():
            wanted = stand_in if isinstance(stand_in, list) else [stand_in]
            self.sizes[name] = len(wanted)
            self.places[name] = []
            for which, value in enumerate(wanted):
                # A stand-in reaches the query as its number, or as its text where the field is text (a slug).
                where = [index for index, param in enumerate(self.params) if param in (value, str(value))]
                if not where:  # a value the query does not take (the ORM left it out, or folded it in)
                    raise ValueError(f"the value {name!r} is not among the query's parameters")
                self.places[name] += [(index, which) for index in where]
        if self.models:
            select, klass_info = self.compiler.select, self.compiler.klass_info
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.model_span = (fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[fields[0] : fields[-1] + 1]]
            self.related = get_related_populators(klass_info, select, self.alias)
            self.annotations = dict(self.compiler.annotation_col_map)
            self.fast = self._makers(_maker)
            self.checked = False  # whether the first row read came out the same both ways
        self.converters = self.compiler.get_converters(
            [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        )

    def _makers(self, maker):
        """How to make the row's object and each related one (``_populate``'s nodes): ``maker``'s way where it may."""

        def of(model, attnames):
            return maker(model, attnames) or _django_maker(model, attnames)

        def nodes(populators):
            return [
                (populator, of(populator.model_cls, populator.init_list), nodes(populator.related_populators))
                for populator in populators
            ]

        return of(self.model, self.init_list), nodes(self.related)

    def run(self, **values) -> list:
        """The rows for these values (each a model, or a tuple for ``values_list``), as the queryset reads them."""
        params = list(self.params)
        for name, places in self.places.items():
            value = values[name]
            found = value if isinstance(value, list | tuple) else [value]
            if len(found) != self.sizes[name]:
                raise ValueError(f"{name!r} takes {self.sizes[name]} values, not {len(found)}")
            for place, which in places:
                params[place] = found[which]
        compiler = self.compiler
        connection = connections[self.alias]
        execute_prepared = getattr(connection, "execute_prepared", None) if self.on_server else None
        if execute_prepared is not None:
            rows = execute_prepared(self.sql, params)
        else:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, params)
                rows = cursor.fetchall()
        if compiler.has_extra_select:  # columns the ordering needs, which the ORM does not hand back
            rows = [row[: compiler.col_count] for row in rows]
        if self.converters:
            rows = list(map(tuple, compiler.apply_converters(rows, self.converters)))
        if not self.models:
            return rows
        if rows and not self.checked:
            self.checked = True
            if not _same(self._made(rows[0], self._makers(_django_maker)), self._made(rows[0], self.fast)):
                self.fast = self._makers(_django_maker)
        return [self._made(row, self.fast) for row in rows]

    def _made(self, row, makers):
        make, related = makers
        start, end = self.model_span
        story = make(self.alias, row[start:end])
        for node in related:
            _populate(node, row, story)
        for name, at in self.annotations.items():
            setattr(story, name, row[at])
        return story


def _same(one, other) -> bool:
    """Whether two objects, and the related objects they hold, have the same class, values and state."""

    def seen(made, path):
        if made is None or id(made) in path:
            return None
        path = path | {id(made)}
        state = made._state
        values = {name: value for name, value in made.__dict__.items() if name != "_state"}
        related = {name: seen(value, path) for name, value in state.fields_cache.items()}
        return type(made), values, state.adding, state.db, related

    return seen(one, frozenset()) == seen(other, frozenset())


_PREPARED: dict[tuple, Prepared] = {}


def stand_in() -> int:
    """A value to build a query with, in the place of one the request gives (a section's id, a story's)."""
    return next(_STAND_INS)


def prepared(key: tuple, build: Callable[..., QuerySet], *, on_server: bool = False, **shape: int) -> Prepared:
    """The query of this ``key`` (its shape: which list, language, page), built by ``build`` the first time.

    ``shape`` names the values it is run with, and how many of each: 0
    for one value, n for a list of n (``pk__in``). ``build`` is called
    with a stand-in for each (``stand_in``), each of which must be among
    the query's parameters (once or more: a list's filter is in its
    subquery of ids as well), as its number or, compared with a text
    column, as its text; it is run with values of the column's type.

    ``on_server``: run it as a statement the database keeps prepared, where
    the database can (``newsroom.postgresql``'s ``execute_prepared``), so it
    is not planned again on every request. Only for a query whose best plan
    is the same whatever its values: PostgreSQL may settle on one plan for
    all of them (a list of a tag's stories took seven times as long so).
    """
    from django.db import connection

    full = (connection.alias, connection.vendor, *key, *sorted(shape.items()))
    found = _PREPARED.get(full)
    if found is None:
        slots = {name: stand_in() if size == 0 else [stand_in() for _ in range(size)] for name, size in shape.items()}
        found = _PREPARED[full] = Prepared(build(**slots), slots, on_server=on_server)
    return found


def fits(values: Sequence) -> bool:
    """Whether a list of values is short enough to be a prepared query's (``LONGEST_LIST``)."""
    return 0 < len(values) <= LONGEST_LIST


def forget(**kwargs) -> None:
    _PREPARED.clear()


setting_changed.connect(forget, dispatch_uid="articles.selectors.prepared.forget")
