from dataclasses import asdict, dataclass

from cms.errors import ActionRefused


class FileRefused(ActionRefused):
    """The whole file is refused before any row is read (size, type, password, zip bomb...); the
    message is shown to the admin as is. Also raised by `services.assignment_import`."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One refused cell of an import, as the admin sees it in the error report."""

    sheet: str
    row: int  # the row number the user sees in Excel (1-based, header included)
    column: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)
