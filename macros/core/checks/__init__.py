"""Rules that span files, and the one registry that runs them: ``CHECKS``, in the order they run.

Each rule is a function ``check_<rule>(ds: Dataset) -> list[Problem]`` whose one-line docstring states the
rule; its name is the rule id (``check_level_has_forum`` reports as ``level-has-forum``). The rules run on
schema-valid documents only, so they may trust shapes and types. They live in modules by concern:

- ``ids``: ids and codes that must be unique; ``references``: who and what a file points at (``PLACES``, the
  table of every key where a party, forum, level or category is named); ``governance``: the forums and levels;
  ``fees``: what the fee is computed from; ``membership``: joining and leaving; ``files``: the schema line;
  ``text``: glossary, basis and figures; ``decisions``: the decisions in data/beslut/; ``responsibilities``:
  ansvar.yaml; ``fonts``: what the PDFs can print; ``names``: names a reader can tell apart.
  ``activation``: aktivering.yaml and each party's readiness; ``personal``: no personal data.

To add a rule: write ``check_<rule>`` in the module of its concern (or a new module here), using
``common.problem_at`` with the rule id for every problem; add it to ``CHECKS`` below; add the fixture
``tests/fixtures/rules/<rule>/`` with its ``expected.txt`` (tests/test_checker.py requires both). A new key
that names a party, forum, level or category is not a new rule: it is a new row of ``references.PLACES``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..dataset import Dataset
from ..problems import Problem
from .activation import check_activation_ids_unique, check_activation_phase_order, check_readiness_level_once
from .decisions import check_decision_references
from .fees import (
    check_budget_years,
    check_fees_while_party,
    check_population_for_basis_date,
    check_unique_dates_and_years,
)
from .files import check_schema_comment
from .fonts import check_font_has_characters
from .governance import check_level_has_forum, check_regionala_radet_on_top, check_reporting_no_cycle
from .ids import check_id_matches_filename, check_id_unique, check_kommunkod
from .membership import check_forum_member_while_party, check_membership_dates
from .names import check_name_latin, check_name_unique
from .personal import check_home_address, check_personal_email, check_personal_phone
from .references import check_chair_is_party, check_member_category_has_parties, check_reference_exists
from .responsibilities import check_holder_exists
from .text import check_basis_stated, check_figure_has_source, check_glossary_forms_unique

CHECKS: list[Callable[[Dataset], list[Problem]]] = [
    check_id_matches_filename,
    check_id_unique,
    check_reference_exists,
    check_chair_is_party,
    check_reporting_no_cycle,
    check_regionala_radet_on_top,
    check_level_has_forum,
    check_member_category_has_parties,
    check_kommunkod,
    check_population_for_basis_date,
    check_unique_dates_and_years,
    check_schema_comment,
    check_glossary_forms_unique,
    check_decision_references,
    check_membership_dates,
    check_fees_while_party,
    check_forum_member_while_party,
    check_budget_years,
    check_holder_exists,
    check_basis_stated,
    check_figure_has_source,
    check_font_has_characters,
    check_name_unique,
    check_name_latin,
    check_activation_phase_order,
    check_activation_ids_unique,
    check_readiness_level_once,
    check_personal_phone,
    check_personal_email,
    check_home_address,
]


def rule_id(check: Callable) -> str:
    return check.__name__.removeprefix("check_").replace("_", "-")


def run_checks(ds: Dataset) -> list[Problem]:
    """Every rule's problems, rule by rule in the order of CHECKS (callers sort them)."""
    problems = []
    for check in CHECKS:
        problems += check(ds)
    return problems
