"""Entry point of the ``audit`` command. Imports every command module so it registers itself."""

from __future__ import annotations

import sys

from ..readers.mapping import MappingError
from .app import EXIT_USAGE, app, print_error

# Each module registers its command on ``app`` when imported (one module per command).
from . import run_cmd  # noqa: E402,F401  isort: skip
from . import report_cmd  # noqa: E402,F401  isort: skip
from . import validate_cmd, template_cmd  # noqa: E402,F401  isort: skip
from . import sample_cmd, check_cmd, compare_cmd  # noqa: E402,F401  isort: skip
from . import checklist_cmd  # noqa: E402,F401  isort: skip
from . import tekst_cmd  # noqa: E402,F401  isort: skip
from . import udvikling_cmd  # noqa: E402,F401  isort: skip


def main() -> None:
    """Run the CLI; never show a traceback (it could hold personal data in local variables)."""
    try:
        app()
    except KeyboardInterrupt:
        print_error("afbrudt af brugeren")
        sys.exit(130)
    except SystemExit:
        raise
    except MappingError as exc:  # an unusable --mapping file is a usage error in every command
        print_error(str(exc))
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # noqa: BLE001 - last line of defence, deliberately broad
        print_error(
            f"uventet intern fejl ({type(exc).__name__}). Kør igen med samme input og kontakt "
            "vedligeholderne; ingen persondata er vist."
        )
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
