"""The data reference, generated from schema/*.schema.json so that it cannot drift from the schemas.

For every file kind: where its files live, every key with its type, whether it is required and its
description, and an example file. The example is built from the schema itself (its ``examples``,
the "till exempel …" in a description, or a plain value of the right type); a test checks that each
example passes its schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..core import pages
from ..core.dataset import FOLDERS, SINGLE_FILES
from ..core.schemas import SCHEMA_COMMENT, resolved_schema
from ..text import escape
from .common import Kontext

_FOR_EXEMPEL = re.compile(r"till exempel (.+?)(?: eller | för |\. |, |; |\)|$)")
# Readable values for shared definitions whose descriptions give no example.
_DEF_EXEMPEL: dict[str, Any] = {
    "kalla": "beslut-nacka-ks",
    "text": "En eller ett par meningar på klarspråk.",
    "uppgift_saknas": "Uppgiften har sökts men inte hittats i någon källa.",
    "https_url": "https://www.exempel.se/sida",
}
_DEF_TYP = {
    "id": "id",
    "datum": "datum (ÅÅÅÅ-MM-DD)",
    "kommunkod": "kommunkod",
    "https_url": "webbadress (https)",
    "belopp": "belopp i kronor",
    "text": "text",
    "namn": "namn",
    "kalla": "källans id",
    "kallor": "lista med källornas id",
    "uppgift_saknas": "text (skäl)",
    "funktion": "funktion",
}
_TYP = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true eller false"}


@dataclass(frozen=True)
class Filsort:
    kind: str
    filer: str  # where its files live, e.g. data/parter/ID.yaml


@dataclass(frozen=True)
class Falt:
    path: tuple[str, ...]
    typ: str
    kravs: bool
    beskrivning: str


def filsorter() -> list[Filsort]:
    """Every file kind the loader knows: one file per party and forum first, then the single files."""
    out = [Filsort(kind, f"data/{folder}/ID.yaml") for folder, kind in FOLDERS.items()]
    return out + [Filsort(kind, f"data/{name}") for name, kind in SINGLE_FILES.items()]


def falt(node: dict, path: tuple[str, ...] = ()) -> list[Falt]:
    """Every key under an object schema, depth first; keys of list items are listed under the list."""
    out = []
    required = set(node.get("required", []))
    for key, prop in node.get("properties", {}).items():
        out.append(Falt((*path, key), typ(prop), key in required, prop.get("description", "")))
        inner = prop.get("items", {}) if prop.get("type") == "array" else prop
        if inner.get("type") == "object":
            out += falt(inner, (*path, key))
    return out


def typ(node: dict) -> str:
    if "enum" in node:
        return "ett av: " + ", ".join(f"<code>{escape.html(v)}</code>" for v in node["enum"])
    if node.get("x-def") in _DEF_TYP:
        return _DEF_TYP[node["x-def"]]
    kind = node.get("type")
    if kind == "array":
        least = f", minst {node['minItems']}" if node.get("minItems") else ""
        return f"lista med {_plural(typ(node.get('items', {})))}{least}"
    if kind == "object":
        return "grupp av nycklar"
    if kind == "integer" and "minimum" in node:
        return f"heltal, minst {node['minimum']}"
    if kind == "string" and "pattern" in node:
        return "text i bestämd form"
    return _TYP.get(kind, "värde")


def _plural(label: str) -> str:
    return {"grupp av nycklar": "grupper av nycklar", "text": "texter", "id": "id"}.get(label, label)


def alternativ(node: dict, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    """Where a group needs one of several sets of keys (oneOf): the group's path and the sets."""
    out = []
    if "oneOf" in node and all("required" in b for b in node["oneOf"]):
        out.append((path, [b["required"] for b in node["oneOf"]]))
    for key, prop in node.get("properties", {}).items():
        inner = prop.get("items", {}) if prop.get("type") == "array" else prop
        out += alternativ(inner, (*path, key))
    return out


# --- Example files -------------------------------------------------------------------------------


def exempel(node: dict) -> Any:
    """A value that passes ``node``: from the schema's own words where possible."""
    given = [x for x in node.get("examples", []) if _passar(x, node)]
    if given:
        return given[0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {key: exempel(prop) for key, prop in node.get("properties", {}).items() if key in _keys(node)}
    if kind == "array":
        return [exempel(node.get("items", {}))]
    for candidate in _kandidater(node):
        if _passar(candidate, node):
            return candidate
    raise ValueError(f"inget exempel passar schemat: {node.get('description', node)}")


def _keys(node: dict) -> set[str]:
    """All keys, except those that belong to another branch than the first of a oneOf."""
    keys = set(node.get("properties", {}))
    branches = node.get("oneOf", [])
    if branches:
        first = set(branches[0].get("required", []))
        for other in branches[1:]:
            keys -= set(other.get("required", [])) - first
    return keys


def _kandidater(node: dict) -> list[Any]:
    out = [_DEF_EXEMPEL[node["x-def"]]] if node.get("x-def") in _DEF_EXEMPEL else []
    if node.get("x-def") == "id" and "forum" in node.get("description", "").lower():
        out.append("regionala-radet")  # an id that names a forum reads better as one
    for text in (node.get("description", ""), node.get("x-def-beskrivning", "")):
        out += [_som(m.group(1).rstrip(".").strip('"'), node) for m in _FOR_EXEMPEL.finditer(text)]
    out += node.get("enum", [])[:1]
    out += {"boolean": [True], "integer": [node.get("minimum", 1)], "string": ["exempel"]}.get(node.get("type"), [])
    return out


def _som(text: str, node: dict) -> Any:
    if node.get("type") == "integer" and text.isdigit():
        return int(text)
    return text


def _passar(value: Any, node: dict) -> bool:
    plain = {k: v for k, v in node.items() if not k.startswith("x-")}
    try:  # compiled, and no 50 ms import of jsonschema in every build (same answers for every example here)
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the pinned dependency is missing
        from jsonschema import Draft202012Validator

        return Draft202012Validator(plain, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(value)
    return jsonschema_rs.validator_for(plain, validate_formats=True).is_valid(value)


def exempelfil(f: Filsort) -> str:
    """An example file of the kind as a coordinator would write it, schema line first."""
    prefix = "../../" if f.filer.count("/") == 2 else "../"
    body = yaml.dump(exempel(resolved_schema(f.kind)), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"{SCHEMA_COMMENT}{prefix}schema/{f.kind}.schema.json\n{body}"


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in data/, and quotes wherever another YAML reader could guess wrong."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML 1.2 editors read 0182 as a number and 2015-01-01 stays text only when quoted in YAML 1.1.
    risky = value[:1].isdigit() or value.lower() in ("true", "false", "null", "yes", "no", "on", "off", "~")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)


_Dumper.add_representer(str, _str)


# --- The page ------------------------------------------------------------------------------------


def datareferens(ctx: Kontext) -> str:
    return "".join(_filsort(ctx, f) for f in filsorter())


def _filsort(ctx: Kontext, f: Filsort) -> str:
    s = resolved_schema(f.kind)
    name = f"{f.kind}.schema.json"
    out = [
        f"\n## {escape.text(s.get('title', f.kind))} {{ #{f.kind} }}\n\n",
        f"{escape.text(s.get('description', ''))}\n\n",
        f"- **Fil:** <code>{escape.html(f.filer)}</code>\n",
        f"- **Schema:** {ctx.lank(pages.schema_file(name), escape.text(name))}\n\n",
        "| Nyckel | Typ | Krävs | Beskrivning |\n|---|---|---|---|\n",
    ]
    for x in falt(s):
        key = " › ".join(f"<code>{escape.html(p)}</code>" for p in x.path)
        out.append(f"| {key} | {x.typ} | {'ja' if x.kravs else 'nej'} | {escape.text(x.beskrivning)} |\n")
    for path, sets in alternativ(s):
        where = f"I varje <code>{escape.html(path[-1])}</code>" if path else "I filen"
        options = " eller ".join(" och ".join(f"<code>{escape.html(k)}</code>" for k in keys) for keys in sets)
        out.append(f"\n{where}: skriv antingen {options}, inte flera av dem.\n")
    example = exempelfil(f)
    fence = "`" * max(3, _longest_backticks(example) + 1)
    out.append(f"\n**Exempel** på <code>{escape.html(f.filer)}</code>:\n\n{fence}yaml\n{example}{fence}\n")
    return "".join(out)


def _longest_backticks(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)
