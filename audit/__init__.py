"""Gennemgang af afgørelser om skærpet rådighedssanktion (LAS § 40 a) efter Ankestyrelsens metode."""

__version__ = "0.1.0"
