"""The command behind each timed step, at one scale: the checker, the two site builds, the PDF, the offline zip,
and at 1× the whole `python -m macros build` and the Material build with mkdocs-macros alone."""

from __future__ import annotations

import sys
from pathlib import Path

PY = sys.executable
COLD = {"HANDBOK_PDF_CACHE": ""}  # no PDF from an earlier build: every PDF is rendered
# The offline zip alone, as `python -m macros build` writes it last (it has no command of its own).
ARCHIVE = (
    "import sys, pathlib; from macros.outputs.offline import write_archive; from macros.core.utgava import utgava; "
    "write_archive(pathlib.Path(sys.argv[1]), utgava(pathlib.Path(sys.argv[2])))"
)


def commands(k: int, work: Path, data: Path, base_config: Path) -> dict[str, tuple[list[str], dict]]:
    """Each step's command and the environment it adds, by step name."""
    env = {"HANDBOK_DATA": str(data)}
    steps = {
        "check": ([PY, "-m", "macros", "check", "--data", str(data)], {}),
        "build": ([PY, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / "site")], env),
        "baseline": (
            [PY, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(base_config), "-d", str(work / "site-baseline")],
            {},
        ),
        "pdf": ([PY, "-m", "macros", "pdf", "--data", str(data), "--out", str(work / "pdf")], COLD),
        "zip": ([PY, "-c", ARCHIVE, str(work / "site"), str(data)], {}),
    }
    if k == 1:  # the target's step, as nox -s build runs it
        build = [PY, "-m", "macros", "build", "--data", str(data), "--out", str(work / "full")]
        steps["full"] = (build, COLD)
        steps["full-edit"] = (build, {"HANDBOK_PDF_CACHE": str(work / "pdf-cache")})
        # what mkdocs-macros alone costs: the baseline plus the plugin with an empty module
        steps["macros-only"] = (
            [
                PY,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                str(_macros_only(base_config)),
                "-d",
                str(work / "site-macros-only"),
            ],
            {},
        )
    return steps


def _macros_only(base_config: Path) -> Path:
    import yaml

    module = base_config.parent / "tom_makromodul.py"
    module.write_text("def define_env(env):\n    pass\n", encoding="utf-8")
    config = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    config["plugins"] = [
        *config["plugins"],
        {"macros": {"module_name": str(module.with_suffix("")), "on_error_fail": True, "on_undefined": "strict"}},
    ]
    path = base_config.with_name("mkdocs-macros-only.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
