"""From a data file's text to YAML's node tree, strictly: a resolver that knows only YAML 1.2 core scalars, and
anchors, aliases and explicit tags refused (PyYAML's defaults read ``no`` as False, ``0123`` as octal, ``12:30``
in base 60, and expand aliases: a billion laughs). Every syntax error becomes one Swedish problem."""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .limits import measure_events, too_deep
from .problems import Problem
from .yamlmessages import plain_error, problem_at, syntax_problem

try:
    from yaml._yaml import CParser  # libyaml, shipped in PyYAML's wheels
except ImportError:  # pragma: no cover - a PyYAML built without libyaml: the strict composer reads everything
    CParser = None

# More flow brackets than this and libyaml's composer is not used (its recursion is in C, without a check);
# the pure-Python parser then measures the depth first.
MAX_BRACKETS_FAST = 10_000

Tags = set[tuple[int, int]]  # 0-based line and column of each explicit tag


class _Resolver(BaseResolver):
    """YAML 1.2 core schema, the subset we allow: null, true/false, decimal int and float."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", ["t", "f"]),
    ("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", list("-0123456789")),
    ("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$", list("-0123456789")),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp), _first)


class _Refused(Exception):
    def __init__(self, mark, message: str, rule: str):
        self.mark, self.message, self.rule = mark, message, rule


class _Composer(Composer):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if getattr(event, "tag", None) not in (None, "!"):
            # An explicit tag (!!int, !!bool, !foo) would bypass the strict resolver: remember it, report it
            # with every other problem of the file, and never construct its value.
            self.explicit_tags.add((event.start_mark.line, event.start_mark.column))
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "ankare (&) och alias (*) är inte tillåtna; skriv ut värdet på varje ställe i stället",
                "yaml-anchor",
            )
        return super().compose_node(parent, index)


class _StrictLoader(Reader, Scanner, Parser, _Composer, _Resolver):
    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        self.explicit_tags: Tags = set()
        _Resolver.__init__(self)


class _FastLoader(CParser or object, _Resolver):
    """libyaml's parser and composer (the grammar PyYAML was ported from) with the same strict resolver."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        _Resolver.__init__(self)


# Anchors (&), aliases (*), tags (!) and tabs get the strict composer, which refuses or explains them.
_NEEDS_STRICT = re.compile(r"[&*!\t]")


def compose_fast(text: str) -> Node | None:
    """The document's node tree from libyaml, ten times faster than the pure-Python composer; None when
    the text needs the strict composer or has any error, so every message still comes from that one."""
    if CParser is None or _NEEDS_STRICT.search(text) or text.count("[") + text.count("{") > MAX_BRACKETS_FAST:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def compose(text: str, name: str) -> tuple[Node | None, Tags, list[Problem]]:
    """The document's node tree (None for an empty document) and where explicit tags stand; or the problem
    that stops the file from being read."""
    root = compose_fast(text)
    if root is not None:
        return root, set(), []
    too_big = measure_events(text, name)
    if too_big:
        return None, set(), [too_big]
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except _Refused as exc:
        return None, set(), [problem_at(name, exc.mark, exc.rule, exc.message)]
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc.context):
            return None, set(), [_multiple_documents(name, exc)]
        return None, set(), [syntax_problem(name, exc, text)]
    except yaml.MarkedYAMLError as exc:
        return None, set(), [syntax_problem(name, exc, text)]
    except yaml.YAMLError as exc:  # the reader's own refusals; characters.refused_characters should catch them first
        return None, set(), [problem_at(name, getattr(exc, "mark", None), "yaml-syntax", plain_error(exc))]
    except RecursionError:  # measure_events should prevent this; a message all the same
        return None, set(), [too_deep(name, (1, 1))]
    finally:
        loader.dispose()
    return root, loader.explicit_tags, []


def _multiple_documents(name: str, exc: yaml.composer.ComposerError) -> Problem:
    return problem_at(
        name,
        exc.problem_mark,
        "yaml-multiple-documents",
        "filen innehåller flera dokument (---); en fil ska ha ett enda dokument",
    )
