"""Digit Recognizer's desktop app (Qt). The computation lives in ``training``."""
