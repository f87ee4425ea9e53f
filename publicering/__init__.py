"""Published figures: disclosure control of small counts of people (see docs/adr/0005).

- `celler`: the input, cells (`Cell`) and the sums a reader can use (`Villkor`);
- `skydd`: `skydda()` makes the pattern of hidden cells (`Skyddsmonster`, stored as JSON); `visa()`, `maskinvarde()`
  and `fotnot()` apply it to a rendering;
- `verifiering`: the exact range a reader can deduce for each hidden cell (linear programs);
- `tabeller`: cells and sums from Finsam's usual tables (förbund → län → riket, breakdowns of a total).

Pure Python and scipy, no Django, so releases, open data, downloads and the report draft can all use it.
"""
