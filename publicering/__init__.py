"""Published figures: disclosure control of small counts of people."""
