"""The lab: past runs as records, their comparison side by side, and what studies leave behind."""
