"""railkpi: gaps, 序时进度, growth and status for every quantified target of a plan."""

__version__ = "0.1.0"
