"""Errors: definition mistakes raise as ModelError subclasses; bad edits raise InputError.

Every message says which cell, which rule, what was given and what to do.
"""

from __future__ import annotations


class ModelError(Exception):
    """Base class of every error Napkin raises on purpose."""


class UnitParseError(ModelError):
    """A unit string could not be parsed."""


class DefinitionError(ModelError):
    """One mistake in a sheet definition; carries the cells involved."""

    rule = "definition"

    def __init__(self, message: str, cells: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.cells = tuple(cells)


class UnknownNameError(DefinitionError):
    rule = "unknown name"


class DuplicateNameError(DefinitionError):
    rule = "duplicate name"


class CycleError(DefinitionError):
    rule = "cycle"


class UnitError(DefinitionError):
    rule = "unit mismatch"


class BoundsError(DefinitionError):
    rule = "bad bounds"


class UnusedInputError(DefinitionError):
    rule = "unused input"


class FormulaError(DefinitionError):
    rule = "bad formula"


class NameRuleError(DefinitionError):
    rule = "bad name"


class LinkShadowError(DefinitionError):
    """A sheet links a calc of another sheet and also one of the cells that calc reads."""

    rule = "shadowed link"


class ModelDefinitionErrors(ModelError):
    """All definition mistakes of a build, raised together and sorted by cell."""

    def __init__(self, errors: list[DefinitionError]):
        self.errors = sorted(errors, key=lambda e: (e.cells[:1], e.rule, e.message))
        lines = [f"{len(self.errors)} definition error(s):"]
        lines += [f"  [{e.rule}] {e.message}" for e in self.errors]
        super().__init__("\n".join(lines))


class InputError(ModelError):
    """An edit was refused; the model is unchanged."""

    def __init__(self, message: str, cell: str | None = None, rule: str = "input"):
        super().__init__(message)
        self.message = message
        self.cell = cell
        self.rule = rule
