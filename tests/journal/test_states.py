from __future__ import annotations

import pytest

from borderdesk.journal.states import StateRefused, nationality_code, state_code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Финляндия", "FIN"),
        ("финляндия ", "FIN"),
        ("Finland", "FIN"),
        ("FI", "FIN"),
        ("fin", "FIN"),
        ("Германия", "DEU"),
        ("ФРГ", "DEU"),  # a register spelling, from columns.toml
        ("Великобритания", "GBR"),
        ("GB", "GBR"),
        ("Катар", "QAT"),
        ("Косово", "RKS"),
        ("Соединённые Штаты", "USA"),  # ё read as е
    ],
)
def test_states_are_read_from_names_and_codes(written, code):
    assert state_code(written) == code


@pytest.mark.parametrize("written", ["Скандинавия", "EU", "GBD", "XXA", "UTO", "D", ""])
def test_what_names_no_state_is_refused(english, written):
    with pytest.raises(StateRefused, match="not a state"):
        state_code(written)


def test_nationality_may_be_unknown_or_stateless():
    assert nationality_code("") == "XXX"
    assert nationality_code("лицо без гражданства") == "XXA"
    assert nationality_code("Stateless") == "XXA"
    assert nationality_code("Узбекистан") == "UZB"
