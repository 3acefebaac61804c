#!/usr/bin/python3
"""Opens an .xlsx workbook the way a strict reader does and prints it as JSON.

Used by the API and browser tests: every workbook the server writes must open in an
independent reader. Every XML part is parsed by expat (well-formed or an error), then
openpyxl loads the workbook. Output: {"sheets": [{"name": ..., "rows": [[...], ...]}]},
numbers as numbers, empty cells as null. Exit 1 with the reason on stderr otherwise.

Usage: xlsx_read.py FILE   (or - for standard input)
"""
import io
import json
import sys
import warnings
import zipfile
from xml.parsers import expat

import openpyxl


def main() -> int:
    data = sys.stdin.buffer.read() if sys.argv[1] == "-" else open(sys.argv[1], "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        bad = archive.testzip()
        if bad:
            raise ValueError(f"zip: {bad} is damaged")
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                parser = expat.ParserCreate()
                try:
                    parser.Parse(archive.read(name), True)
                except expat.ExpatError as e:
                    raise ValueError(f"{name} is not well-formed XML: {e}") from e
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a repaired or doubtful part is a failure too
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheets = []
    for ws in book.worksheets:
        rows = [[cell for cell in row] for row in ws.iter_rows(values_only=True)]
        sheets.append({"name": ws.title, "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False, default=str)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # noqa: BLE001 - the reason goes to the test's message
        print(f"xlsx_read: {e}", file=sys.stderr)
        sys.exit(1)
