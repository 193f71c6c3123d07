"""Teaching models: Keras training and studies, fine-tuning, the path network's training, evaluation, run records, Keras code."""
