"""Allow `python -m aukus_check`; also the console script's entry, which must answer Ctrl-C
even while the CLI's modules are still being imported."""

import os


def run() -> None:
    """Import the CLI and run it; Ctrl-C during the imports is exit 130 with no traceback."""
    try:
        from aukus_check.cli import main
    except KeyboardInterrupt:
        os._exit(130)
    main()


if __name__ == "__main__":
    run()
