"""The Draw tab: canvas, probability chart, the model's input."""
