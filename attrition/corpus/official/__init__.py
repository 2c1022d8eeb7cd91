"""Official data: the publishers' own files, read by their layouts and loaded into the database.

- `tables`: CSV, ODS and XLSX files as sheets of rows (standard library; openpyxl for XLSX).
- `layouts`: the known file layouts (Home Office PRC tables, rolling 12-month PFA
  totals, the tidy hand-gathered file), recognised by header, read into
  OfficialFigures; the offence codes in `offence_codes.csv` beside it.
- `load`: one file into the `official` tables in one transaction, loaded once.

May import `attrition.corpus.store` (the transaction), `attrition.extract`
(stages, units, offences, the force reference) and `attrition.errors`; never
check/, update/, scale/, web/ or the CLI.
"""
