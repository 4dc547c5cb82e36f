"""The `railkpi` command and `python -m railkpi`.

The cyclic garbage collector is switched off before Typer, pydantic and railkpi's modules are
imported: the tens of thousands of objects they create live until the process ends, and the
collector would scan them again and again while they are imported, freeing nothing (about 4 ms
of an everyday `assess`). `cli.main` freezes what the run leaves (docs/performance.md)."""

import gc


def run() -> None:
    """The console script's entry point (pyproject's [project.scripts])."""
    gc.disable()
    from railkpi.cli import main

    main()


if __name__ == "__main__":
    run()
