"""The house's layers, checked on every module's imports (ast: absolute and relative, at the top or inside a
function, also under TYPE_CHECKING).

macros/ is split by stage, and a stage imports only the stages below it:

    text     escaping and Swedish formatting           imports only text
    core     load, check, model, fees, pages, ...      imports only core
    render   the site's page sections                  imports core, text
    pdf      the PDFs                                  imports core, text, render
    outputs  open data, feed, offline archive          imports core, text, render, pdf
    site     the MkDocs adapter and generated pages    imports all of these
    tools    the commands and publish (the whole       imports anything; nothing imports it
             publication in one step)

ARCHITECTURE.md shows the same table to people; test_architecture_md_agrees keeps the two and the tree equal.

No two modules import each other, directly or through others, and every module is in one of the stages. Page
and file paths are written only in macros/core/pages.py. Each rule is a function over a tree of modules, so
the tests at the bottom can show that it fails on a bad tree.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = "macros"
STAGES = ("core", "text", "render", "pdf", "outputs", "site", "tools")  # in ARCHITECTURE.md's order
OUTSIDE_STAGES = ("__init__.py", "__main__.py")  # the mkdocs-macros entry point and python -m macros

# What a stage may import of macros besides itself; a stage not listed may import any stage.
MAY_IMPORT = {
    "text": set(),
    "core": set(),  # core formats nothing: what it would need of text/ lives in text/ and is imported above it
    "render": {"core", "text"},
    "pdf": {"core", "text", "render"},
    "outputs": {"core", "text", "render", "pdf"},  # the files beside the pages: the site writes them in
    "site": {"core", "text", "render", "pdf", "outputs"},
    # tools/ (the commands, and publish: the whole publication in one step) may import every stage.
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module (or package), dotted
    where: str  # file:line of the import statement

    @property
    def line(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def modules(root: Path) -> dict[str, Path]:
    """Every module under root/PACKAGE, by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


@functools.cache
def parsed(root: Path) -> dict[str, tuple[Path, ast.Module]]:
    """Every module under root/PACKAGE with its syntax tree, parsed once per test run for all the rules."""
    trees = {}
    for name, path in modules(root).items():
        trees[name] = (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return trees


@functools.cache
def imports(root: Path) -> tuple[Import, ...]:
    """Every import of a module of PACKAGE, from every module of PACKAGE."""
    known = modules(root)
    out = []
    for name, (path, tree) in parsed(root).items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            where = f"{path.relative_to(root).as_posix()}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    stem = ".".join([*base, node.module] if node.module else base)
                else:
                    stem = node.module or ""
                # from X import y: the module X.y if there is one, else X itself.
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in known else stem for a in node.names]
            else:
                continue
            out += [Import(name, t, where) for t in dict.fromkeys(targets) if t.split(".")[0] == PACKAGE]
    return tuple(out)


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def layer_breaks(root: Path) -> list[str]:
    """Imports that go against MAY_IMPORT, as 'file:line: a imports b (stage may import only ...)'."""
    out = []
    for imp in imports(root):
        have, want = stage(imp.source), stage(imp.target)
        if have in MAY_IMPORT and want != have and want not in MAY_IMPORT[have]:
            allowed = ", ".join(sorted(MAY_IMPORT[have])) or "nothing else of macros"
            out.append(f"{imp.line} ({have}/ may import only {have}/ and: {allowed})")
    return out


def cycles(root: Path) -> list[str]:
    """Groups of modules that import each other (Tarjan's strongly connected components), with the imports."""
    edges: dict[str, list[Import]] = {m: [] for m in modules(root)}
    for imp in imports(root):
        if imp.target != imp.source:
            edges.setdefault(imp.source, []).append(imp)
            edges.setdefault(imp.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # recursive: the module graph is a few dozen nodes deep at most
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for imp in edges[v]:
            w = imp.target
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    out = []
    for group in sorted(groups):
        inside = [imp.line for m in group for imp in edges[m] if imp.target in group]
        out.append(f"{' ↔ '.join(group)}: " + "; ".join(inside))
    return out


def strays(root: Path) -> list[str]:
    """Modules outside every stage package (other than macros/__init__.py and __main__.py), and stage
    folders that are not packages."""
    out = []
    for name, path in modules(root).items():
        rel = path.relative_to(root / PACKAGE)
        if len(rel.parts) == 1 and rel.name in OUTSIDE_STAGES:
            continue
        if rel.parts[0] not in STAGES or len(rel.parts) == 1:
            out.append(f"{path.relative_to(root).as_posix()}: {name} is in no stage ({', '.join(STAGES)})")
    for folder in STAGES:
        if (root / PACKAGE / folder).is_dir() and not (root / PACKAGE / folder / "__init__.py").is_file():
            out.append(f"{PACKAGE}/{folder}/ has no __init__.py")
    return out


# --- The house ------------------------------------------------------------------------------------------


def test_imports_are_found():
    """A guard for the rules below: the parser sees the imports that are known to be there."""
    found = {(i.source, i.target) for i in imports(ROOT)}
    assert ("macros.render.common", "macros.core.model") in found  # from ..core.model import ...
    assert ("macros.pdf.plan", "macros.pdf.document") in found  # from . import document
    assert ("macros.tools.commands", "macros.tools.publish") in found  # inside a function
    assert ("macros.tools.publish", "macros.site.zensical") in found  # inside a function


def test_each_stage_imports_only_the_stages_below_it():
    found = layer_breaks(ROOT)
    assert not found, "imports across the layers (see the table in tests/test_architecture.py):\n" + "\n".join(found)


def test_no_import_cycles():
    found = cycles(ROOT)
    assert not found, "modules that import each other; move what both need into a third module:\n" + "\n".join(found)


def page_literals(root: Path) -> list[str]:
    """String literals outside macros/core/pages.py that spell a page or published file it names, or a path
    under the party and forum pages' folders, as 'file:line: literal'. Docstrings and comments may."""
    from macros.core import pages

    names = {v for k, v in vars(pages).items() if k.isupper() and isinstance(v, str) and "." in v}
    folders = (pages.PART_DIR + "/", pages.FORUM_DIR + "/", pages.PARTBLAD_DIR)
    out = []
    for path, tree in parsed(root).values():
        where = path.relative_to(root).as_posix()
        if where == f"{PACKAGE}/core/pages.py":
            continue
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
            if text is not None and id(node) not in docstrings and (text in names or text.startswith(folders)):
                out.append(f"{where}:{node.lineno}: {text!r}")
    return out


def test_page_paths_have_one_home():
    found = page_literals(ROOT)
    assert not found, "page and file paths written out; use macros/core/pages.py:\n" + "\n".join(found)


def test_every_module_is_in_a_stage():
    found = strays(ROOT)
    assert not found, "modules outside the stage packages:\n" + "\n".join(found)


# --- Each rule fails on a bad tree ------------------------------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"__init__.py": "", **{f"{s}/__init__.py": "" for s in STAGES}, **files}.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_layer_break_is_named_with_its_file_and_line(tmp_path):
    root = _tree(
        tmp_path,
        {
            "core/model.py": "from ..render import common\n",
            "text/format.py": "def f():\n    from macros.core import model\n",
            "render/common.py": "from ..pdf import plan\n",
            "pdf/plan.py": "from ..outputs.utgava import Utgava\n",
            "render/fine.py": "from ..core import model\nfrom ..text import format\nfrom . import common\n",
            "outputs/utgava.py": "from ..tools import cli\n",
            "site/macros.py": "from ..outputs import publish\nfrom ..render import common\n",
            "tools/cli.py": "from ..outputs import publish\nfrom ..site import macros\n",
        },
    )
    assert layer_breaks(root) == [
        "macros/core/model.py:1: macros.core.model imports macros.render.common "
        "(core/ may import only core/ and: nothing else of macros)",
        "macros/outputs/utgava.py:1: macros.outputs.utgava imports macros.tools.cli "
        "(outputs/ may import only outputs/ and: core, pdf, render, text)",
        "macros/pdf/plan.py:1: macros.pdf.plan imports macros.outputs.utgava "
        "(pdf/ may import only pdf/ and: core, render, text)",
        "macros/render/common.py:1: macros.render.common imports macros.pdf.plan "
        "(render/ may import only render/ and: core, text)",
        "macros/text/format.py:2: macros.text.format imports macros.core.model "
        "(text/ may import only text/ and: nothing else of macros)",
    ]


def test_a_cycle_is_named_with_every_import_in_it(tmp_path):
    root = _tree(
        tmp_path,
        {
            "pdf/write.py": "from .cache import PdfCache\n",
            "pdf/cache.py": "import macros.pdf.plan\n",
            "pdf/plan.py": "def variant():\n    from . import write\n",
            "pdf/other.py": "from . import plan\n",
        },
    )
    assert cycles(root) == [
        "macros.pdf.cache ↔ macros.pdf.plan ↔ macros.pdf.write: "
        "macros/pdf/cache.py:1: macros.pdf.cache imports macros.pdf.plan; "
        "macros/pdf/plan.py:2: macros.pdf.plan imports macros.pdf.write; "
        "macros/pdf/write.py:1: macros.pdf.write imports macros.pdf.cache"
    ]


def test_a_page_path_written_out_is_named(tmp_path):
    root = _tree(
        tmp_path,
        {
            "render/beslut.py": '"""Links to beslut.md."""\nSIDA = "beslut.md"\n',
            "render/forum.py": "def f(ctx):\n    return ctx.lank(f\"forum/{ctx.id}.md\", 'x')\n",
            "core/pages.py": 'BESLUT = "beslut.md"\n',
        },
    )
    assert page_literals(root) == [
        "macros/render/beslut.py:2: 'beslut.md'",
        "macros/render/forum.py:2: 'forum/'",
    ]


def test_a_module_outside_the_stages_is_named(tmp_path):
    root = _tree(tmp_path, {"model.py": "", "extra/x.py": "", "core/fine.py": ""})
    (root / PACKAGE / "text" / "__init__.py").unlink()
    assert strays(root) == [
        "macros/extra/x.py: macros.extra.x is in no stage (core, text, render, pdf, outputs, site, tools)",
        "macros/model.py: macros.model is in no stage (core, text, render, pdf, outputs, site, tools)",
        "macros/text/ has no __init__.py",
    ]


# --- ARCHITECTURE.md ------------------------------------------------------------------------------------


def architecture_md_disagreements(root: Path) -> list[str]:
    """Where ARCHITECTURE.md's table of stages says something else than the tree and MAY_IMPORT.

    Each stage has one row, in STAGES order: `| `stage/` | what it does, naming its modules | what it may import |`.
    Every module named in backticks in the middle cell exists in that stage; the last cell names exactly the
    stages of MAY_IMPORT ("bara `core`" for none but itself, "allt ovan" for every stage above, "allt" for any).
    """
    text = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = {}
    for number, line in enumerate(text.splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].rstrip("`").endswith("/"):
            rows[cells[0].strip("`").rstrip("/")] = (number, cells[1], cells[2])
    out = []
    if list(rows) != list(STAGES):
        out.append(f"ARCHITECTURE.md: the table's stages are {list(rows)}, the tree's are {list(STAGES)}")
    known = modules(root)
    for index, name in enumerate(STAGES):
        if name not in rows:
            continue
        number, does, may = rows[name]
        where = f"ARCHITECTURE.md:{number}"
        for ident in _backticked(does):
            target = f"{PACKAGE}.{name}.{ident.rstrip('/').replace('.py', '').replace('/', '.')}"
            if target not in known and not any(m.startswith(target + ".") for m in known):
                out.append(f"{where}: `{ident}` is not a module of {PACKAGE}/{name}/")
        if may == "allt":
            said = None
        elif may == "allt ovan":
            said = set(STAGES[:index])
        else:
            said = set(_backticked(may)) - {name}
        if said != MAY_IMPORT.get(name):
            out.append(
                f"{where}: {name}/ may import {sorted(MAY_IMPORT.get(name) or ['anything'])}, the row says {may!r}"
            )
    return out


def _backticked(cell: str) -> list[str]:
    return [part for i, part in enumerate(cell.split("`")) if i % 2 == 1]


def test_architecture_md_agrees_with_the_tree_and_the_rules():
    found = architecture_md_disagreements(ROOT)
    assert not found, "ARCHITECTURE.md and the house disagree:\n" + "\n".join(found)


def test_a_disagreeing_architecture_md_is_named(tmp_path):
    root = _tree(tmp_path, {"core/model.py": "", "render/parter.py": "from ..core import model\n"})
    (root / "ARCHITECTURE.md").write_text(
        "| Mapp | Vad | Får |\n|---|---|---|\n"
        "| `core/` | `model`, `missing` | bara `core` |\n"
        "| `text/` | x | bara `text` |\n"
        "| `render/` | `parter` | `core` |\n",
        encoding="utf-8",
    )
    found = architecture_md_disagreements(root)
    assert found[0].startswith("ARCHITECTURE.md: the table's stages are ['core', 'text', 'render']")
    assert "ARCHITECTURE.md:3: `missing` is not a module of macros/core/" in found
    assert any(f.startswith("ARCHITECTURE.md:5: render/ may import ['core', 'text']") for f in found)


MAX_LINES = 300  # a module longer than this does more than one job: split it by what it does (issue 29)


def long_modules(root: Path) -> list[str]:
    """Modules under the package with more than MAX_LINES lines, as "path: n lines"."""
    out = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            out.append(f"{path.relative_to(root).as_posix()}: {count} lines")
    return out


def test_no_module_is_longer_than_300_lines():
    assert not long_modules(ROOT), f"modules over {MAX_LINES} lines: {long_modules(ROOT)}"


def test_a_long_module_is_named(tmp_path):
    (tmp_path / PACKAGE / "render").mkdir(parents=True)
    (tmp_path / PACKAGE / "render" / "kort.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (tmp_path / PACKAGE / "render" / "lang.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert long_modules(tmp_path) == [f"{PACKAGE}/render/lang.py: {MAX_LINES + 1} lines"]
