"""Text: Vietnamese words, marks and dates."""
