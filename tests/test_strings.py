"""Interface text: today's wording kept in en and es, plural forms, fallbacks, lazy catalogs."""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import strings
from kiosk.core.strings import (
    FALLBACK,
    PLURALS,
    TEXTS,
    format_date,
    interface_languages,
    language_name,
    plural,
    text,
)

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
_KEY_USE = re.compile(r"""\b(text|plural)\(\s*[\w.]+\s*,\s*["']([a-z_]+)["']""")

# The interface text as it was before the catalogs (kiosk/core/strings.py's STRINGS table), less
# the four texts with a number in them, which became plural pairs (PLURAL_CASES below).
TODAY: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "back": "Back",
        "home": "Home",
        "welcome": "Touch a topic to read about it",
        "in_this_section": "In this section",
        "overview": "Overview",
        "last_reviewed": "Last reviewed",
        "next_review": "Next review due",
        "reviewed_by": "Reviewed by",
        "signed_off_by": "Clinical sign-off",
        "not_signed_off": "Clinical sign-off: not given yet. Only the clinic can give it.",
        "sources": "Sources",
        "disclaimer": (
            "This kiosk gives general health information, not medical advice. "
            "Please ask our staff if you have any questions."
        ),
        "link_unavailable": "This link cannot open on the kiosk. Please ask our staff.",
        "page_missing_title": "Please ask the staff",
        "page_missing_body": (
            "Sorry, this page is not available right now. "
            "Please ask a member of staff at the desk for help."
        ),
        "months": "January February March April May June July August September October "
        "November December",
        "date_format": "{day} {month} {year}",
        "still_there": "Are you still there?",
        "continue": "Continue",
        "touch_to_start": "Touch anywhere to start",
        "asleep_touch_to_wake": "The clinic is closed. Touch the screen to wake the kiosk.",
        "pin_title": "Staff only: enter the PIN",
        "pin_not_set": (
            "No staff PIN is set, so the staff menu stays closed. To set one, run "
            "\"{command} hash-pin\" on this computer, paste the line it prints into the "
            "settings file (kiosk.toml) and restart the kiosk."
        ),
        "pin_clear": "Clear",
        "pin_enter": "Enter",
        "staff_title": "Staff menu",
        "staff_exit": "Exit kiosk",
        "staff_reload": "Reload content",
        "back_to_kiosk": "Back to kiosk",
        "preview_problem_title": "This page has a problem",
        "preview_problem_body": (
            "The kiosk check found these problems in the file. Fix them and save the file: "
            "this view updates by itself."
        ),
        "back_description": "Go back to the screen you saw before",
        "home_description": "Go to the start screen with all the topics",
        "text_size": "Text size",
        "text_size_now": "Text size: {size}",
        "button_size_normal": "Normal",
        "button_size_large": "Large",
        "button_size_largest": "Largest",
        "text_size_description": "Text is {size}. Touch to change the size of the text.",
        "size_normal": "normal",
        "size_large": "large",
        "size_largest": "largest",
        "high_contrast": "High contrast",
        "high_contrast_description": "Black and white colours that are easier to see",
        "language_description": "Show the kiosk in English",
        "page_description": "The text of the page. Touch and slide up to read more.",
        "table_too_big": "This table is too big for this screen. Please ask our staff for a "
                         "printed copy.",
        "list_too_long": "This list is too long for this screen. Please ask our staff for a "
                         "printed copy.",
        "more_topics": "More topics",
        "earlier_topics": "Earlier topics",
        "more_pages": "More pages",
        "earlier_pages": "Earlier pages",
        "listen": "Listen", "listen_pause": "Pause", "listen_resume": "Resume", "listen_stop": "Stop",
        "listen_slower": "Slower",
        "listen_description": "Read this page out loud. The words being read are marked on the page.",
        "listen_stop_description": "Stop reading out loud",
        "listen_slower_description": "Read out loud more slowly",
        "helpful_question": "Was this page helpful?",
        "helpful_yes": "Yes",
        "helpful_no": "No",
        "helpful_thanks": "Thank you for telling us.",
        "take_home": "Take this page home",
        "take_home_instructions": "Point your phone's camera at the square code, then touch the "
                                  "link that appears.",
        "close": "Close",
        "staff_usage": "Usage",
        "usage_title": "Usage: the last {days} days",
        "usage_most_read": "Most read pages (times opened)",
        "usage_most_helpful": "Pages most often found helpful (Yes answers)",
        "usage_fewer_than": "fewer than 5",
        "usage_nothing": "Nothing counted yet in these days.",
        "usage_private": "Counts per day, page and language only: nothing about any person is kept.",
        "body_map_title": "Where does it hurt?",
        "body_map_tile_summary": "Touch the place on a picture of the body to find pages.",
        "body_map_note": "Touch the part of the body that hurts to see pages about it. This helps you "
                         "find pages to read. It does not tell you what is wrong.",
        "body_map_pick": "Touch a part of the body on the picture.",
        "body_map_pages": "Pages about: {region}",
        "body_map_none": "There are no pages about this yet. Please ask our staff.",
        "get_help_now": "Get medical help now",
        "body_front": "Front",
        "body_back": "Back",
        "region_neck": "Neck",
        "region_upper_back": "Upper back",
        "region_lower_back": "Lower back",
        "region_buttock_hip": "Buttock or hip",
        "region_leg": "Back of the leg (sciatica)",
        "region_all_over": "All over, or not sure",
        "spot_neck": "Neck",
        "spot_hip": "Hip",
        "spot_buttock": "Buttock",
        "spot_upper_back": "Upper back",
        "spot_lower_back": "Lower back",
        "spot_leg": "Back of leg",
        "region_front": "{region}, front of the body",
        "region_back": "{region}, back of the body",
        "glossary_close": "Close",
        "glossary_listen": "Listen",
        "glossary_description": "What \"{word}\" means",
        "evidence_title": "What research shows:",
        "evidence_benefit_shown": "Benefit shown",
        "evidence_small_or_uncertain": "Small or uncertain benefit",
        "evidence_no_better_than_sham": "No better than fake (sham) treatment",
        "evidence_not_enough_research": "Not enough research to say",
        "evidence_based_on": "Based on:",
        "evidence_column": "Research in short",
    },
    "es": {
        "language_name": "Español",
        "back": "Atrás",
        "home": "Inicio",
        "welcome": "Toque un tema para leer sobre él",
        "in_this_section": "En esta sección",
        "overview": "Resumen",
        "last_reviewed": "Última revisión",
        "next_review": "Próxima revisión",
        "reviewed_by": "Revisado por",
        "signed_off_by": "Aprobación clínica",
        "not_signed_off": "Aprobación clínica: todavía no. Solo la clínica puede darla.",
        "sources": "Fuentes",
        "disclaimer": (
            "Este quiosco ofrece información general de salud, no consejo médico. "
            "Si tiene preguntas, consulte a nuestro personal."
        ),
        "link_unavailable": "Este enlace no se puede abrir en el quiosco. Consulte al personal.",
        "page_missing_title": "Consulte al personal",
        "page_missing_body": (
            "Lo sentimos, esta página no está disponible ahora. "
            "Pida ayuda a un miembro del personal en la recepción."
        ),
        "months": "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
        "noviembre diciembre",
        "date_format": "{day} de {month} de {year}",
        "still_there": "¿Sigue ahí?",
        "continue": "Continuar",
        "touch_to_start": "Toque la pantalla para empezar",
        "asleep_touch_to_wake": "La clínica está cerrada. Toque la pantalla para encender el quiosco.",
        "pin_title": "Solo personal: escriba el PIN",
        "pin_not_set": (
            "No hay un PIN de personal, así que el menú del personal está cerrado. Para crear "
            "uno, ejecute \"{command} hash-pin\" en este ordenador, pegue la línea que muestra en "
            "el archivo de ajustes (kiosk.toml) y reinicie el quiosco."
        ),
        "pin_clear": "Borrar",
        "pin_enter": "Aceptar",
        "staff_title": "Menú del personal",
        "staff_exit": "Salir del quiosco",
        "staff_reload": "Recargar el contenido",
        "back_to_kiosk": "Volver al quiosco",
        "preview_problem_title": "Esta página tiene un problema",
        "preview_problem_body": (
            "La revisión del quiosco encontró estos problemas en el archivo. Corríjalos y guarde "
            "el archivo: esta vista se actualiza sola."
        ),
        "back_description": "Volver a la pantalla que vio antes",
        "home_description": "Ir a la pantalla de inicio con todos los temas",
        "text_size": "Tamaño de letra",
        "text_size_now": "Tamaño de letra: {size}",
        "button_size_normal": "normal",
        "button_size_large": "grande",
        "button_size_largest": "muy grande",
        "text_size_description": "La letra es {size}. Toque para cambiar el tamaño de la letra.",
        "size_normal": "normal",
        "size_large": "grande",
        "size_largest": "muy grande",
        "high_contrast": "Alto contraste",
        "high_contrast_description": "Colores en blanco y negro, más fáciles de ver",
        "language_description": "Ver el quiosco en español",
        "page_description": "El texto de la página. Toque y deslice hacia arriba para leer más.",
        "table_too_big": "Esta tabla es demasiado grande para esta pantalla. Pida una copia "
                         "impresa a nuestro personal.",
        "list_too_long": "Esta lista es demasiado larga para esta pantalla. Pida una copia "
                         "impresa a nuestro personal.",
        "more_topics": "Más temas",
        "earlier_topics": "Temas anteriores",
        "more_pages": "Más páginas",
        "earlier_pages": "Páginas anteriores",
        "listen": "Escuchar", "listen_pause": "Pausa", "listen_resume": "Seguir", "listen_stop": "Parar",
        "listen_slower": "Más despacio",
        "listen_description": "Leer esta página en voz alta. Lo que se está leyendo se marca en la página.",
        "listen_stop_description": "Dejar de leer en voz alta",
        "listen_slower_description": "Leer en voz alta más despacio",
        "helpful_question": "¿Le ha servido esta página?",
        "helpful_yes": "Sí",
        "helpful_no": "No",
        "helpful_thanks": "Gracias por decírnoslo.",
        "take_home": "Llévese esta página",
        "take_home_instructions": "Apunte la cámara de su teléfono al código cuadrado y toque el "
                                  "enlace que aparece.",
        "close": "Cerrar",
        "staff_usage": "Uso",
        "usage_title": "Uso: los últimos {days} días",
        "usage_most_read": "Páginas más leídas (veces abiertas)",
        "usage_most_helpful": "Páginas que más han servido (respuestas «Sí»)",
        "usage_fewer_than": "menos de 5",
        "usage_nothing": "Todavía no hay nada contado en estos días.",
        "usage_private": "Solo cuentas por día, página e idioma: no se guarda nada sobre ninguna "
                         "persona.",
        "body_map_title": "¿Dónde le duele?",
        "body_map_tile_summary": "Toque el lugar en un dibujo del cuerpo para encontrar páginas.",
        "body_map_note": "Toque la parte del cuerpo que le duele para ver páginas sobre ella. Esto le "
                         "ayuda a encontrar páginas para leer. No le dice qué problema tiene.",
        "body_map_pick": "Toque una parte del cuerpo en el dibujo.",
        "body_map_pages": "Páginas sobre: {region}",
        "body_map_none": "Todavía no hay páginas sobre esto. Pregunte a nuestro personal.",
        "get_help_now": "Busque ayuda médica ahora",
        "body_front": "De frente",
        "body_back": "De espaldas",
        "region_neck": "Cuello",
        "region_upper_back": "Parte alta de la espalda",
        "region_lower_back": "Parte baja de la espalda",
        "region_buttock_hip": "Nalga o cadera",
        "region_leg": "Parte de atrás de la pierna (ciática)",
        "region_all_over": "Todo el cuerpo, o no estoy seguro",
        "spot_neck": "Cuello",
        "spot_hip": "Cadera",
        "spot_buttock": "Nalga",
        "spot_upper_back": "Espalda alta",
        "spot_lower_back": "Espalda baja",
        "spot_leg": "Atrás de la pierna",
        "region_front": "{region}, parte de delante del cuerpo",
        "region_back": "{region}, parte de atrás del cuerpo",
        "glossary_close": "Cerrar",
        "glossary_listen": "Escuchar",
        "glossary_description": "Qué quiere decir «{word}»",
        "evidence_title": "Lo que muestra la investigación:",
        "evidence_benefit_shown": "Se ha visto que ayuda",
        "evidence_small_or_uncertain": "Ayuda poco o no es seguro",
        "evidence_no_better_than_sham": "No ayuda más que un tratamiento falso (simulado)",
        "evidence_not_enough_research": "No hay suficiente investigación para saberlo",
        "evidence_based_on": "Según:",
        "evidence_column": "La investigación, en breve",
    },
}

# (language, key, n) -> the text shown, for n = 0, 1 and 2 in every language.
PLURAL_CASES: dict[tuple[str, str, int], str] = {
    ("en", "idle_countdown", 0): "For the next person's privacy, this screen goes back to the start "
                                 "in 0 seconds.",
    ("en", "idle_countdown", 1): "For the next person's privacy, this screen goes back to the start "
                                 "in 1 second.",
    ("en", "idle_countdown", 2): "For the next person's privacy, this screen goes back to the start "
                                 "in 2 seconds.",
    ("es", "idle_countdown", 0): "Por la privacidad de la próxima persona, esta pantalla vuelve al "
                                 "inicio en 0 segundos.",
    ("es", "idle_countdown", 1): "Por la privacidad de la próxima persona, esta pantalla vuelve al "
                                 "inicio en 1 segundo.",
    ("es", "idle_countdown", 2): "Por la privacidad de la próxima persona, esta pantalla vuelve al "
                                 "inicio en 2 segundos.",
    ("en", "pin_wrong", 0): "Wrong PIN. 0 more tries before the pad locks.",
    ("en", "pin_wrong", 1): "Wrong PIN. 1 more try before the pad locks.",
    ("en", "pin_wrong", 2): "Wrong PIN. 2 more tries before the pad locks.",
    ("es", "pin_wrong", 0): "PIN incorrecto. Quedan 0 intentos antes del bloqueo.",
    ("es", "pin_wrong", 1): "PIN incorrecto. Queda 1 intento antes del bloqueo.",
    ("es", "pin_wrong", 2): "PIN incorrecto. Quedan 2 intentos antes del bloqueo.",
    ("en", "pin_locked", 0): "Too many wrong PINs. The pad is locked for 0 seconds.",
    ("en", "pin_locked", 1): "Too many wrong PINs. The pad is locked for 1 second.",
    ("en", "pin_locked", 2): "Too many wrong PINs. The pad is locked for 2 seconds.",
    ("es", "pin_locked", 0): "Demasiados PIN incorrectos. Bloqueado durante 0 segundos.",
    ("es", "pin_locked", 1): "Demasiados PIN incorrectos. Bloqueado durante 1 segundo.",
    ("es", "pin_locked", 2): "Demasiados PIN incorrectos. Bloqueado durante 2 segundos.",
    ("en", "staff_reloaded_pages", 0): "0 pages",
    ("en", "staff_reloaded_pages", 1): "1 page",
    ("en", "staff_reloaded_pages", 2): "2 pages",
    ("es", "staff_reloaded_pages", 0): "0 páginas",
    ("es", "staff_reloaded_pages", 1): "1 página",
    ("es", "staff_reloaded_pages", 2): "2 páginas",
    ("en", "staff_reloaded_problems", 0): "0 problems",
    ("en", "staff_reloaded_problems", 1): "1 problem",
    ("en", "staff_reloaded_problems", 2): "2 problems",
    ("es", "staff_reloaded_problems", 0): "0 problemas",
    ("es", "staff_reloaded_problems", 1): "1 problema",
    ("es", "staff_reloaded_problems", 2): "2 problemas",
}
PLURAL_FIELD = {"idle_countdown": "seconds", "pin_wrong": "tries", "pin_locked": "seconds",
                "staff_reloaded_pages": "pages", "staff_reloaded_problems": "problems"}
# Texts that are the same word in English and Spanish.
SAME_IN_SPANISH = {"size_normal", "date_format", "helpful_no"}  # "No" is "No" in Spanish


def _fields(value: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(value) if f}


@pytest.fixture
def fresh_catalogs() -> Iterator[None]:
    """Read the catalogs anew in this test, and leave none of its reads behind."""
    strings.forget_catalogs()
    yield
    strings.forget_catalogs()


@pytest.mark.parametrize(("lang", "key"), [(lang, key) for lang in TODAY for key in TODAY[lang]])
def test_every_text_reads_as_it_did_before_the_catalogs(lang: str, key: str) -> None:
    assert text(lang, key) == TODAY[lang][key]


def test_the_keys_are_todays_with_the_numbers_made_plural() -> None:
    assert set(TEXTS) == set(TODAY["en"]) | {"staff_reloaded_summary"}
    assert set(PLURALS) == set(PLURAL_FIELD)
    assert not set(TEXTS) & set(PLURALS)


@pytest.mark.parametrize(("lang", "key", "n"), sorted(PLURAL_CASES))
def test_each_plural_has_the_right_form_for_n(lang: str, key: str, n: int) -> None:
    template = plural(lang, key, n)
    assert _fields(template) == {PLURAL_FIELD[key]}, "plural() keeps the placeholder"
    assert template.format(**{PLURAL_FIELD[key]: n}) == PLURAL_CASES[(lang, key, n)]


def test_every_plural_is_tested_in_every_language_for_0_1_and_2() -> None:
    wanted = {(lang, key, n) for lang in interface_languages() for key in PLURALS for n in (0, 1, 2)}
    assert set(PLURAL_CASES) == wanted


@pytest.mark.parametrize(("lang", "pages", "problems", "expected"), [
    ("en", 1, 0, "Content reloaded: 1 page, 0 problems (see the log)."),
    ("en", 12, 1, "Content reloaded: 12 pages, 1 problem (see the log)."),
    ("es", 1, 0, "Contenido recargado: 1 página, 0 problemas (vea el registro)."),
    ("es", 12, 1, "Contenido recargado: 12 páginas, 1 problema (vea el registro)."),
])
def test_the_reload_message_gives_each_number_its_own_plural(lang: str, pages: int, problems: int,
                                                             expected: str) -> None:
    message = text(lang, "staff_reloaded_summary").format(
        pages=plural(lang, "staff_reloaded_pages", pages).format(pages=pages),
        problems=plural(lang, "staff_reloaded_problems", problems).format(problems=problems))
    assert message == expected


@pytest.mark.parametrize("lang", interface_languages())
def test_placeholders_match_english(lang: str) -> None:
    for key in TEXTS:
        assert _fields(text(lang, key)) == _fields(text(FALLBACK, key)), f"{lang}.{key}"
    for key in PLURALS:
        english = _fields(plural(FALLBACK, key, 2))
        for n in range(0, 30):
            assert _fields(plural(lang, key, n)) <= english, f"{lang}.{key} for {n}"
        assert _fields(plural(lang, key, 2)) == english, f"{lang}.{key}"


@pytest.mark.parametrize("lang", interface_languages())
def test_each_language_names_itself_and_has_twelve_months(lang: str) -> None:
    assert len(text(lang, "months").split()) == 12
    names = [language_name(code) for code in interface_languages()]
    assert len(set(names)) == len(names), "two languages share a name"
    assert language_name(lang) == text(lang, "language_name") != lang


def test_the_languages_and_their_names() -> None:
    assert interface_languages() == ["en", "es"]
    assert language_name("en") == "English"
    assert language_name("es") == "Español"
    assert language_name("fr") == "fr", "no catalog: the code itself"
    assert language_name("") == ""


def test_spanish_is_really_translated() -> None:
    same = [k for k in TEXTS if text("es", k) == text("en", k) and k not in SAME_IN_SPANISH]
    assert not same, f"Spanish text identical to English: {same}"
    same = [k for k in PLURALS if any(plural("es", k, n) == plural("en", k, n) for n in (1, 2))]
    assert not same, f"Spanish plurals identical to English: {same}"
    assert format_date("es", datetime.date(2026, 3, 5)) == "5 de marzo de 2026"
    assert format_date("en", datetime.date(2026, 11, 24)) == "24 November 2026"
    assert format_date("es", "not a date") == "not a date"  # type: ignore[arg-type]


def test_one_english_word_translated_apart_by_context() -> None:
    assert TEXTS["back"][0] == "nav bar" and TEXTS["language_name"][0] == "language name"
    assert text("es", "back") == "Atrás"
    assert text("es", "language_name") == "Español" != text("es", "language_description")
    pairs = [(context, msgid) for context, msgid in TEXTS.values()]
    pairs += [(context, singular) for context, singular, _ in PLURALS.values()]
    assert len(set(pairs)) == len(pairs), "two keys share one catalog entry"


def test_the_code_only_asks_for_keys_that_exist() -> None:
    used: dict[tuple[str, str], str] = {}
    for path in KIOSK.rglob("*.py"):
        for kind, key in _KEY_USE.findall(path.read_text(encoding="utf-8")):
            used[(kind, key)] = path.relative_to(KIOSK).as_posix()
    assert used, "found no text(...) calls: the pattern in this test is out of date"
    known = {"text": TEXTS, "plural": PLURALS}
    unknown = {f"{kind}(..., {key!r})": where for (kind, key), where in used.items()
               if key not in known[kind]}
    assert not unknown, f"keys strings.py has no entry for (text keys: TEXTS, plural: PLURALS): {unknown}"


def test_unknown_language_falls_back_to_english_and_unknown_key_to_the_key() -> None:
    assert text("xx", "back") == "Back"
    assert plural("xx", "pin_wrong", 1) == "Wrong PIN. {tries} more try before the pad locks."
    assert text("es", "no_such_key") == "no_such_key"
    assert plural("es", "no_such_key", 2) == "no_such_key"
    assert text("es", "pin_wrong") == "pin_wrong", "a plural key is read with plural()"
    assert plural("es", "back", 2) == "back", "a text key is read with text()"


@pytest.mark.parametrize("lang", ["../es", "es/../es", "", "/etc", "es\x00"])
def test_a_language_code_is_never_a_path(lang: str, fresh_catalogs: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strings, "locale_dir", lambda: pytest.fail("looked for a catalog"))
    assert text(lang, "back") == "Back"


def test_english_reads_no_catalog_and_another_language_reads_its_catalog_once(
        fresh_catalogs: None, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = strings.locale_dir

    def counting() -> Path:
        asked.append(1)
        return real()

    monkeypatch.setattr(strings, "locale_dir", counting)
    assert text("en", "back") == "Back" and plural("en", "pin_wrong", 2).startswith("Wrong PIN")
    assert language_name("en") == "English" and format_date("en", datetime.date(2026, 1, 2))
    assert asked == [], "English text is in the code: no catalog to look for"
    assert [text("es", "back"), text("es", "home"), plural("es", "pin_wrong", 1)][:2] == [
        "Atrás", "Inicio"]
    assert asked == [1], "the Spanish catalog is read on first use, then kept"


def test_a_broken_catalog_gives_english_and_a_log_line(fresh_catalogs: None, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kiosk.mo").write_bytes(b"not a catalog")
    monkeypatch.setattr(strings, "locale_dir", lambda: tmp_path)
    assert text("es", "back") == "Back"
    assert plural("es", "pin_wrong", 1) == "Wrong PIN. {tries} more try before the pad locks."
    assert "English text instead" in caplog.text


def test_every_bundled_content_language_has_an_interface_catalog() -> None:
    from kiosk.core.resources import default_content_dir

    content = default_content_dir()
    codes = {p.name for p in content.iterdir() if p.is_dir() and any(p.rglob("*.md"))}
    assert "en" in codes
    missing = codes - set(interface_languages())
    assert not missing, (f"content/{sorted(missing)} has pages but no interface catalog "
                         "(resources/locale/<code>/LC_MESSAGES/kiosk.mo; docs/languages.md)")
