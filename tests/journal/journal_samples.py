"""A journal built the way clerks keep them, mistakes included, as CSV and as XLSX.

``ROWS`` are the data rows in order (``None`` is an empty line); ``REFUSED`` names,
for each row index that must be refused, the field the reason is reported at;
``DUPLICATES`` maps a repeated row's index to the index it repeats. The rest must
import. The XLSX copy adds what only a workbook can hold: a merged title above
the heading, headings merged over two rows, real date and number cells and a date
merged down two rows.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import xlsxwriter

HEADINGS = [
    "№ п/п",
    "Дата поступления",
    "Запрашивающее государство",
    "Фамилия ",  # a trailing space in the heading
    "Имя",
    "Отчество",
    "ДАТА РОЖДЕНИЯ",  # another letter case
    "Гражданство",
    "Документ",
    "Решение",
    "Дата решения",
    "Дата передачи",
    "Примечание",
]

# no, received, state, surname, given, patronymic, born, nationality, document,
# decision, decided, transferred, note
ROWS: list[list[object] | None] = [
    [
        "1",
        "12.03.2019",
        "Финляндия",
        "Иванов",
        "Пётр",
        "Сергеевич",
        "17.05.1980",
        "Россия",
        "паспорт 75 1234567",
        "принято",
        "02.04.2019",
        "20.04.2019",
        "",
    ],
    [
        "2",
        "2019-03-14",
        "FI ",
        "Karimov  ",
        "Bakhtiyor",
        "",
        "1991",
        "UZB",
        "",
        "отказано",
        "2019-04-01",
        "",
        "",
    ],
    [
        "3",
        "5.4.2019 г.",
        "DEU",
        "Щербаков",
        "Иван",
        "Петрович",
        "05.1980",
        "лицо без гражданства",
        "",
        "",
        "",
        "",
        "ожидает ответа",
    ],
    None,  # an empty line in the middle
    ["4", "03/05/2019", "Германия", "Петров", "Олег", "", "", "RUS", "", "", "", "", ""],
    ["5", "14.03.19", "Польша", "Сидоров", "Антон", "", "", "RUS", "", "", "", "", ""],
    ["6", "20.03.2019", "Скандинавия", "Ахмедов", "Руслан", "", "", "", "", "", "", "", ""],
    ["7", "21.03.2019", "SE", "", "Алишер", "", "", "UZ", "", "", "", "", ""],
    [
        "2",
        "2019-03-14",
        "FI ",
        "Karimov  ",
        "Bakhtiyor",
        "",
        "1991",
        "UZB",
        "",
        "отказано",
        "2019-04-01",
        "",
        "",
    ],  # the same row typed twice
    [
        "8",
        "22.03.2019",
        "Эстония",
        "Рахимов",
        "Шерзод",
        "",
        "",
        "UZB",
        "",
        "да",
        "25.03.2019",
        "",
        "",
    ],
    [
        "9",
        "23.03.2019",
        "LV",
        "Tursunov",
        "Jamshid",
        "",
        "",
        "UZB",
        "",
        "принято",
        "25.03.2019",
        "20.03.2019",
        "",
    ],
    ["10", "24.03.2019", "Нидерланды", "Ким", "Ольга", "", "31.02.1985", "KAZ", "", "", "", "", ""],
    ["11", "25.03.2019", "NLD", "Ли", "Виктор", "", "", "KAZ", "", "принято", "", "", ""],
    [
        "12",
        "26.03.2019",
        "франция",
        "Ходжаев",
        "Фарход",
        "",
        "1979",
        "TJK",
        "",
        "ПРИНЯТО",
        "28.03.2019",
        "",
        "",
    ],
    ["13", "26.03.2019", "Франция", "Ходжаева", "Мадина", "", "1982", "TJK", "", "", "", "", ""],
    ["3", "27.03.2019", "DEU", "Смирнов", "Иван", "", "", "RUS", "", "", "", "", ""],
]

# row index -> the field its reason is reported at
REFUSED = {
    4: "received",
    5: "received",
    6: "requesting_state",
    7: "surname",
    9: "decision",
    10: "transfer_date",
    11: "birth_date",
    12: "decision_date",
    15: "no",
}
DUPLICATES = {8: 1}
GOOD = [i for i, r in enumerate(ROWS) if r is not None and i not in REFUSED and i not in DUPLICATES]

CSV_FIRST_DATA_ROW = 2  # the heading is row 1
XLSX_FIRST_DATA_ROW = 4  # title row 1, heading rows 2-3


def write_csv(path: Path, *, delimiter: str = ";", bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(HEADINGS)
        for row in ROWS:
            writer.writerow(row or [])
    return path


def write_xlsx(path: Path, *, sheet: str = "2019") -> Path:
    """The same journal as a clerk's workbook (sheet ``sheet``, after a cover sheet)."""
    book = xlsxwriter.Workbook(str(path))
    cover = book.add_worksheet("Титул")
    cover.write(0, 0, "Журнал учёта ходатайств о реадмиссии")
    ws = book.add_worksheet(sheet)
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.merge_range(0, 0, 0, len(HEADINGS) - 1, "Журнал учёта ходатайств о реадмиссии, 2019")
    decision = HEADINGS.index("Решение")
    for col, heading in enumerate(HEADINGS):
        if col in (decision, decision + 1):
            continue
        ws.merge_range(1, col, 2, col, heading)
    ws.merge_range(1, decision, 1, decision + 1, "Решение")  # over its two sub-headings
    ws.write_string(2, decision, "Решение")
    ws.write_string(2, decision + 1, "Дата решения")
    for index, row in enumerate(ROWS):
        if row is None:
            continue
        r = XLSX_FIRST_DATA_ROW - 1 + index
        for col, value in enumerate(row):
            if value != "":
                ws.write_string(r, col, str(value))
    # What only a workbook holds: real date cells, a year as a number, a merged date.
    ws.write_datetime(XLSX_FIRST_DATA_ROW - 1, 1, datetime(2019, 3, 12), day)
    ws.write_datetime(XLSX_FIRST_DATA_ROW - 1 + 13, decision + 1, datetime(2019, 3, 28), day)
    ws.write_number(XLSX_FIRST_DATA_ROW - 1 + 1, 6, 1991)
    ws.merge_range(XLSX_FIRST_DATA_ROW - 1 + 13, 1, XLSX_FIRST_DATA_ROW - 1 + 14, 1, "", day)
    ws.write_datetime(XLSX_FIRST_DATA_ROW - 1 + 13, 1, datetime(2019, 3, 26), day)
    book.close()
    return path


def csv_row(index: int) -> int:
    return CSV_FIRST_DATA_ROW + index


def xlsx_row(index: int) -> int:
    return XLSX_FIRST_DATA_ROW + index
