"""The typed model of the agreement: frozen dataclasses whose attribute names are the YAML keys, one module per
file kind named after its schema (part.py mirrors schema/part.schema.json), and the whole handbook (Handbok,
handbok.py) with its queries. Every page is rendered from it; build_model.py makes it from a checked dataset,
and tests/test_model_schema.py keeps its fields equal to the schemas' properties.

Import the model from here (``from ..core.model import Part``): this is its one public face.
"""

from .aktivering import Aktivering, Exempel, Fas, Kontaktvag, Lucka, Uppgift
from .ansvar import Ansvar, Vem
from .avgifter import Avgifter, Avrundning, Budgetar, TotalKostnad
from .beslut import Andrar, Beslut
from .defs import Underlag
from .forum import Forum, Medlem, Roll, Uppgifter
from .handbok import Handbok
from .kalla import Kalla
from .ordlista import Begrepp
from .overenskommelse import ForeslagenAv, Lagen, Niva, Overenskommelse, Punkt, Rekommendation, Styrning
from .part import (
    Anslutningsbeslut,
    Beredskap,
    Folkmangd,
    Foretradare,
    Kallelser,
    Part,
    TidigareNamn,
    Tidpunkt,
    has_joined,
    has_left,
    is_part_in_year,
)

__all__ = [
    "Aktivering",
    "Andrar",
    "Anslutningsbeslut",
    "Ansvar",
    "Avgifter",
    "Avrundning",
    "Begrepp",
    "Beredskap",
    "Beslut",
    "Budgetar",
    "Exempel",
    "Fas",
    "Folkmangd",
    "ForeslagenAv",
    "Foretradare",
    "Forum",
    "Handbok",
    "Kalla",
    "Kallelser",
    "Kontaktvag",
    "Lagen",
    "Lucka",
    "Medlem",
    "Niva",
    "Overenskommelse",
    "Part",
    "Punkt",
    "Rekommendation",
    "Roll",
    "Styrning",
    "TidigareNamn",
    "Tidpunkt",
    "TotalKostnad",
    "Underlag",
    "Uppgift",
    "Uppgifter",
    "Vem",
    "has_joined",
    "has_left",
    "is_part_in_year",
]
