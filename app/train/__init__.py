"""The Train tab: configuration, the training worker, live curves, results, model library."""
