"""``python -m audit`` is the same as the ``audit`` command."""

from .cli.main import main

main()
