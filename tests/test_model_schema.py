"""The model and the schemas say the same thing: every schema property is a field of its dataclass and every
field a property, name by name and nested type by nested type, and the party categories have one home.

A property added to a schema without a model field (or a field without a property) fails here, with the
name and where. The deliberate differences are the small tables below, each with its reason.
"""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from macros.core import model
from macros.core.dataset import FOLDERS, SINGLE_FILES
from macros.core.schemas import kategorier, read_schema
from macros.render.matris import GRUPPERAS
from macros.text.kategorier import KATEGORIER

# Each file kind's schema, and where in it the object that one model class holds is (a JSON pointer):
# the folder kinds and avgifter/overenskommelse are one object per file, the other single files a list.
ROOTS: dict[str, tuple[str, type]] = {
    "part": ("", model.Part),
    "forum": ("", model.Forum),
    "overenskommelse": ("", model.Overenskommelse),
    "avgifter": ("", model.Avgifter),
    "kalla": ("", model.Kalla),
    "ordlista": ("/properties/begrepp/items", model.Begrepp),
    "beslut": ("", model.Beslut),
    "ansvar": ("/properties/ansvar/items", model.Ansvar),
    "aktivering": ("", model.Aktivering),
}

# Fields that are in the model but in no schema, and why.
MODEL_ONLY: dict[type, set[str]] = {
    # The data file the entity was read from (Dataset.repo_path), for "edit this page" links: not a key.
    model.Part: {"fil"},
    model.Forum: {"fil"},
    model.Overenskommelse: {"fil"},
    model.Avgifter: {"fil"},
    model.Beslut: {"fil"},
    model.Aktivering: {"fil"},
}
# Properties that are in a schema but not a field of the model class, and why. Empty: every key the data
# may hold reaches the model.
SCHEMA_ONLY: dict[type, set[str]] = {}

# The whole handbook holds one field per file kind (a folder kind under its folder's name, a single file
# under its kind); besides those, and why:
HANDBOK_EXTRA = {
    "ordlista_fil",  # the optional and list-shaped single files' paths (Dataset.repo_path), for edit links
    "ansvar_fil",
    "idag",  # the day the lists of today's parties are made for (macros/core/tid.py): not data
}


def _pointer(document: dict, pointer: str) -> dict:
    node = document
    for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
        node = node[part]
    return node


def _deref(node: dict, name: str) -> tuple[dict, str]:
    """Follow $ref (in the same file or another) until a node without one; name is the file it is in."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        name = target or name
        node = _pointer(read_schema(name), pointer)
    return node, name


def _properties(node: dict, name: str) -> dict[str, tuple[dict, str]]:
    """An object schema's properties, with those its allOf/oneOf/anyOf branches add (they only narrow today)."""
    node, name = _deref(node, name)
    found = {key: (sub, name) for key, sub in node.get("properties", {}).items()}
    for branch in (b for key in ("allOf", "oneOf", "anyOf") for b in node.get(key, [])):
        found.update(_properties(branch, name))
    return found


def _nested(annotation) -> tuple[str, type | None]:
    """How a field holds a model class: ("one", C) for C or C | None, ("list", C) for tuple[C, ...],
    ("dict", C) for dict[str, C]; ("plain", None) for a value (text, number, list of ids)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _nested(inner[0]) if len(inner) == 1 else ("plain", None)
    if origin is tuple:
        kind, cls = _nested(args[0])
        return ("list", cls) if kind == "one" else ("plain", None)
    if origin is dict:
        kind, cls = _nested(args[1])
        return ("dict", cls) if kind == "one" else ("plain", None)
    if dataclasses.is_dataclass(annotation):
        return "one", annotation
    return "plain", None


def _required(annotation):
    """X for X | None: the conversion makes None of a null and the inner type of anything else."""
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    return inner[0] if typing.get_origin(annotation) in (typing.Union, types.UnionType) else annotation


def _differences(cls: type, node: dict, name: str, where: str, seen: set[type]) -> list[str]:
    """Every field of cls without a property in node, every property without a field, recursively; each class
    compared is added to seen."""
    seen.add(cls)
    fields = {f.name for f in dataclasses.fields(cls)} - MODEL_ONLY.get(cls, set())
    props = _properties(node, name)
    keys = set(props) - SCHEMA_ONLY.get(cls, set())
    out = [f"{where}: model.{cls.__name__}.{k} has no property in {name}" for k in sorted(fields - keys)]
    out += [f"{where}/{k}: property in {name} has no field in model.{cls.__name__}" for k in sorted(keys - fields)]
    # The conversion (macros/core/convert.py) gives a key the data leaves out its field's default: a field
    # without one must be a key the schema requires.
    required = set(_deref(node, name)[0].get("required", ()))
    bare = {f.name for f in dataclasses.fields(cls) if f.default is f.default_factory is dataclasses.MISSING}
    out += [
        f"{where}/{k}: model.{cls.__name__}.{k} has no default, but {name} does not require it; give it a default"
        for k in sorted((bare & keys) - required)
    ]
    hints = typing.get_type_hints(cls)
    for key in sorted(fields & keys):
        kind, inner = _nested(hints[key])
        sub, sub_name = _deref(*props[key])
        if (sub.get("type") == "array") != (typing.get_origin(_required(hints[key])) is tuple):
            out.append(f"{where}/{key}: a list in one of {sub_name} and model.{cls.__name__}.{key}, not in both")
        if kind == "one":
            out += _differences(inner, sub, sub_name, f"{where}/{key}", seen)
        elif kind == "list":
            item, item_name = _deref(sub.get("items", {}), sub_name)
            out += _differences(inner, item, item_name, f"{where}/{key}[]", seen)
        elif kind == "dict":  # a statement key -> its basis: every listed key must hold the same class
            for k, (value, value_name) in _properties(sub, sub_name).items():
                out += _differences(inner, *_deref(value, value_name), f"{where}/{key}/{k}", seen)
        elif _properties(sub, sub_name):
            out.append(f"{where}/{key}: an object in {sub_name}, but model.{cls.__name__}.{key} is a plain value")
    return out


@pytest.mark.parametrize("kind", sorted(ROOTS))
def test_model_fields_equal_schema_properties(kind):
    pointer, cls = ROOTS[kind]
    name = f"{kind}.schema.json"
    differences = _differences(cls, _pointer(read_schema(name), pointer), name, f"{name}#{pointer}", set())
    assert not differences, (
        "\n".join(differences) + "\nadd the field to its class in macros/core/model/, or the "
        "property to the schema, or list a deliberate difference in MODEL_ONLY or SCHEMA_ONLY with its reason"
    )


def test_every_file_kind_has_its_model_class():
    assert set(ROOTS) == {*SINGLE_FILES.values(), *FOLDERS.values()}


def test_every_model_class_is_compared_with_a_schema():
    """A new dataclass in the model is reached from a file kind's class, so the test above compares it too."""
    seen: set[type] = set()
    for kind, (pointer, cls) in ROOTS.items():
        name = f"{kind}.schema.json"
        _differences(cls, _pointer(read_schema(name), pointer), name, name, seen)
    classes = {c for c in vars(model).values() if dataclasses.is_dataclass(c)}  # the package's public names
    assert sorted(c.__name__ for c in classes - seen) == ["Handbok"]  # the whole: test_handbok_holds_...


def test_handbok_holds_one_field_per_file_kind():
    fields = {f.name for f in dataclasses.fields(model.Handbok)}
    assert fields == set(SINGLE_FILES.values()) | set(FOLDERS) | HANDBOK_EXTRA


def test_forum_statement_keys_are_model_fields():
    """The keys of underlag_for name statements of the forum (Forum.slutsats): each is a field of Forum or of
    its tasks (ordinarie_lage, aktiverat_lage)."""
    keys = set(read_schema("forum.schema.json")["properties"]["underlag_for"]["properties"])
    fields = {f.name for cls in (model.Forum, model.Uppgifter) for f in dataclasses.fields(cls)}
    assert keys - fields == set()


# --- Party categories: part.schema.json is their home ------------------------------------------


def test_categories_come_from_the_party_schema():
    assert kategorier() == tuple(read_schema("part.schema.json")["properties"]["kategori"]["enum"])
    assert "alla" not in kategorier(), "alla (every party) is no party's category"


@pytest.mark.parametrize(
    ("name", "pointer"),
    [
        ("forum.schema.json", "/properties/medlemmar/items/properties/kategori"),
        ("ansvar.schema.json", "/$defs/vem/properties/kategori"),
    ],
)
def test_schemas_naming_a_category_list_the_same_ones(name, pointer):
    """A forum member or a responsibility may name any party category, or alla for every party."""
    assert _pointer(read_schema(name), pointer)["enum"] == ["alla", *kategorier()], (
        f"the categories in {name} differ from part.schema.json; write the same list there, with alla first"
    )


def test_every_category_has_its_labels_in_schema_order():
    assert list(KATEGORIER) == [*kategorier(), "alla"], (
        "macros/text/kategorier.py names the categories of part.schema.json, in its order, then alla"
    )
    for ident, (one, group) in KATEGORIER.items():
        assert one and group, f"category {ident} needs both a singular and a plural label"


def test_categories_grouped_in_the_matrix_are_schema_categories():
    assert set(GRUPPERAS) <= set(kategorier()), "render/matris.py groups a category that part.schema.json lacks"
