"""Every piece of interface text, one small table per language (English is the fallback)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "back": "Back",
        "home": "Home",
        "welcome": "Touch a topic to read about it",
        "in_this_section": "In this section",
        "overview": "Overview",
        "last_reviewed": "Last reviewed",
        "next_review": "Next review due",
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
    },
}

FALLBACK = "en"


def text(lang: str, key: str) -> str:
    """Return interface text `key` in `lang`, falling back to English, then to the key itself."""
    table = STRINGS.get(lang) or STRINGS[FALLBACK]
    return table.get(key) or STRINGS[FALLBACK].get(key) or key


def format_date(lang: str, value) -> str:
    """Format a date the way people in `lang` write it (24 November 2026, 24 de noviembre ...)."""
    try:
        month = text(lang, "months").split()[value.month - 1]
        return text(lang, "date_format").format(day=value.day, month=month, year=value.year)
    except (AttributeError, IndexError, TypeError):
        return str(value)
