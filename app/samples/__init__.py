"""The Samples tab: the user's own labelled drawings."""
