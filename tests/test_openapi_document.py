"""The OpenAPI document promises what the server answers: every operation lists the error statuses any
request can meet, and downloads name their real media type (schemathesis checks both against a live server,
but only on the operations its random run happens to reach)."""

from __future__ import annotations

from cielo.app import create_app
from cielo.api.schema import ERRORS
from tests.conftest import make_settings


def _document(tmp_path):
    return create_app(make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")).openapi()


def test_every_operation_documents_the_error_statuses(tmp_path):
    missing = {
        f"{method.upper()} {path}": sorted(str(s) for s in ERRORS if str(s) not in operation["responses"])
        for path, operations in _document(tmp_path)["paths"].items()
        for method, operation in operations.items()
    }
    assert {operation: codes for operation, codes in missing.items() if codes} == {}


def test_downloads_document_their_media_type(tmp_path):
    paths = _document(tmp_path)["paths"]

    def media(path: str) -> set[str]:
        return set(paths[path]["get"]["responses"]["200"]["content"])

    assert media("/api/me/export") == {"application/zip"}
    assert media("/api/admin/appeals/export") == {"application/x-ndjson"}


def test_the_readme_lists_every_catalogued_error_code():
    """The README's table of error codes is the catalogue's own (regenerate it with
    `.venv/bin/python -c "from cielo.errors import catalogue_markdown; print(catalogue_markdown())"`)."""
    from pathlib import Path

    from cielo.errors import catalogue_markdown

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("<!-- error-codes:start -->\n", 1)[1].split("\n<!-- error-codes:end -->", 1)[0]
    assert section == catalogue_markdown()
