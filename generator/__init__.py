"""Fact-sheet generator: YAML fact records in, a searchable MkDocs site out.

The pipeline runs load -> validate -> link -> render -> write -> build, one
module per stage. See ARCHITECTURE.md at the repository root.
"""

__version__ = "0.1.0"
