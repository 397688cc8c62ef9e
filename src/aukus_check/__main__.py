"""Allow `python -m aukus_check`."""

from aukus_check.cli import main

if __name__ == "__main__":
    main()
