"""The agency table and the strong-pattern fallback for agencies it lacks."""

from __future__ import annotations

import pytest

from wirelens.meta.agencies import agency_name, canonical, find_agency, is_photo_agency


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ANI", "ANI"), ("Asian News International", "ANI"), ("Press Trust of India", "PTI"),
        ("IANS", "IANS"), ("UNI", "UNI"), ("Reuters", "Reuters"), ("Thomson Reuters", "Reuters"),
        ("The Associated Press", "AP"), ("A.P.", "AP"), ("Agence France-Presse", "AFP"),
        ("Xinhua News Agency", "Xinhua"), ("dpa", "dpa"), ("EFE", "EFE"), ("Kyodo News", "Kyodo"),
        ("Yonhap", "Yonhap"), ("Bernama", "Bernama"), ("ANSA", "ANSA"), ("ITAR-TASS", "TASS"),
        ("Anadolu Agency", "Anadolu"), ("IRNA", "IRNA"), ("WAM", "WAM"), ("SPA", "SPA"),
        ("APP", "APP"), ("BSS", "BSS"), ("Antara", "Antara"), ("PNA", "PNA"), ("CNA", "CNA"),
        ("Lusa", "Lusa"), ("Agência Brasil", "Agencia Brasil"), ("Notimex", "Notimex"),
        ("Prensa Latina", "Prensa Latina"), ("KUNA", "KUNA"), ("MENA", "MENA"),
        ("Ukrinform", "Ukrinform"), ("Interfax", "Interfax"), ("RIA Novosti", "RIA Novosti"),
        ("Sputnik", "Sputnik"), ("ČTK", "CTK"), ("PAP", "PAP"), ("MTI", "MTI"), ("AAP", "AAP"),
        ("NZPA/AAP", "NZPA"), ("The Canadian Press", "Canadian Press"), ("UPI", "UPI"),
        ("Jiji Press", "Jiji"), ("KCNA", "KCNA"),
    ],
)  # fmt: skip
def test_known_agencies(written: str, name: str) -> None:
    assert canonical(written) == name


def test_agency_slot_fallbacks() -> None:
    assert agency_name("ANI/WAM") == "ANI"  # co-signed: the first known agency
    assert agency_name("ZNA") == "ZNA"  # unknown acronym, kept as written
    assert agency_name("Lanka Press Service") == "Lanka Press Service"
    assert agency_name("left") is None
    assert agency_name("File") is None


def test_find_agency_in_free_text() -> None:
    assert find_agency("Jane Doe/AFP via Getty Images") == "AFP"
    assert find_agency("REUTERS/Jane Doe") == "Reuters"
    assert find_agency("Photo by Petra Novak") is None  # a first name, not Jordan's agency
    assert is_photo_agency("Getty Images")
    assert not is_photo_agency("Reuters")
