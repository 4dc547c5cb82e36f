"""The calculation core: formulas, assessment, audit and chart series. Pure functions on plan
models and observations: no I/O, no terminal, no Excel."""
