"""`python -m cielo.cli`: the same as the `cielo` command."""

from cielo.cli import app

app()
