"""From a question to an answer with verbatim quotes: reading the question, the answer ladder (``answerers``), picking,
composing, the bot."""
