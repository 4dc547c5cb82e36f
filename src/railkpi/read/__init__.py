"""Reading a data workbook: the file guard, cells and numbers, units, the long and wide
layouts and the enterprise roster → validated Observations. No YAML: readers use the plan
models and the indicator registry only."""
