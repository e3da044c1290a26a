"""``python -m audit`` is the same as the ``audit`` command."""

from audit.cli.main import main

main()
