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
        "still_there": "Are you still there?",
        "idle_countdown": (
            "For the next person's privacy, this screen goes back to the start "
            "in {seconds} seconds."
        ),
        "continue": "Continue",
        "touch_to_start": "Touch anywhere to start",
        "pin_title": "Staff only: enter the PIN",
        "pin_wrong": "Wrong PIN. {tries} more tries before the pad locks.",
        "pin_locked": "Too many wrong PINs. The pad is locked for {seconds} seconds.",
        "pin_not_set": (
            "No staff PIN is set, so the staff menu stays closed. To set one, run "
            "\"kiosk hash-pin\" on this computer, paste the line it prints into the "
            "settings file (kiosk.toml) and restart the kiosk."
        ),
        "pin_clear": "Clear",
        "pin_enter": "Enter",
        "staff_title": "Staff menu",
        "staff_exit": "Exit kiosk",
        "staff_reload": "Reload content",
        "back_to_kiosk": "Back to kiosk",
        "staff_reloaded": "Content reloaded: {pages} pages, {problems} problems (see the log).",
        "preview_problem_title": "This page has a problem",
        "preview_problem_body": (
            "The kiosk check found these problems in the file. Fix them and save the file: "
            "this view updates by itself."
        ),
        "back_description": "Go back to the screen you saw before",
        "home_description": "Go to the start screen with all the topics",
        "text_size": "Text size",
        "text_size_description": "Text is {size}. Touch to change the size of the text.",
        "size_normal": "normal",
        "size_large": "large",
        "size_largest": "largest",
        "high_contrast": "High contrast",
        "high_contrast_description": "Black and white colours that are easier to see",
        "language_description": "Show the kiosk in English",
        "page_description": "The text of the page. Touch and slide up to read more.",
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
        "still_there": "¿Sigue ahí?",
        "idle_countdown": (
            "Por la privacidad de la próxima persona, esta pantalla vuelve al inicio "
            "en {seconds} segundos."
        ),
        "continue": "Continuar",
        "touch_to_start": "Toque la pantalla para empezar",
        "pin_title": "Solo personal: escriba el PIN",
        "pin_wrong": "PIN incorrecto. Quedan {tries} intentos antes del bloqueo.",
        "pin_locked": "Demasiados PIN incorrectos. Bloqueado durante {seconds} segundos.",
        "pin_not_set": (
            "No hay un PIN de personal, así que el menú del personal está cerrado. Para crear "
            "uno, ejecute \"kiosk hash-pin\" en este ordenador, pegue la línea que muestra en "
            "el archivo de ajustes (kiosk.toml) y reinicie el quiosco."
        ),
        "pin_clear": "Borrar",
        "pin_enter": "Aceptar",
        "staff_title": "Menú del personal",
        "staff_exit": "Salir del quiosco",
        "staff_reload": "Recargar el contenido",
        "back_to_kiosk": "Volver al quiosco",
        "staff_reloaded": (
            "Contenido recargado: {pages} páginas, {problems} problemas (vea el registro)."
        ),
        "preview_problem_title": "Esta página tiene un problema",
        "preview_problem_body": (
            "La revisión del quiosco encontró estos problemas en el archivo. Corríjalos y guarde "
            "el archivo: esta vista se actualiza sola."
        ),
        "back_description": "Volver a la pantalla que vio antes",
        "home_description": "Ir a la pantalla de inicio con todos los temas",
        "text_size": "Tamaño de letra",
        "text_size_description": "La letra es {size}. Toque para cambiar el tamaño de la letra.",
        "size_normal": "normal",
        "size_large": "grande",
        "size_largest": "muy grande",
        "high_contrast": "Alto contraste",
        "high_contrast_description": "Colores en blanco y negro, más fáciles de ver",
        "language_description": "Ver el quiosco en español",
        "page_description": "El texto de la página. Toque y deslice hacia arriba para leer más.",
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
