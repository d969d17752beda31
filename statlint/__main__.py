"""`python -m statlint ...`: the same CLI as the `statlint` script (for environments without its shim)."""

from statlint.cli import main

if __name__ == "__main__":
    main()
