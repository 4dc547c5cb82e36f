"""Plans: the plan-file models, the hardened YAML loader, bundled plans, cross-checks and the
indicator registry a workbook's labels are matched against."""
