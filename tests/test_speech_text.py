"""Read aloud's Qt-free parts: sentences and their places, what is read, which voice."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.config import load_config
from kiosk.core.speech_text import (
    Paragraph,
    reading_plan,
    reading_seconds,
    sentences_of,
    speakable,
    split_sentences,
)
from kiosk.core.speech_voices import VoiceOffer, choose_voice, install_hint, locales_for


def pieces(text: str, lang: str = "en") -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_sentences_end_at_stops_questions_and_exclamations():
    assert pieces("Keep moving. Does it hurt? Call us!  Then rest.") == [
        "Keep moving.", "Does it hurt?", "Call us!", "Then rest."]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    assert pieces("Ask Dr. Lee about it. Take 1.5 tablets, e.g. with food.") == [
        "Ask Dr. Lee about it.", "Take 1.5 tablets, e.g. with food."]
    assert pieces("La Dra. Ruiz le ayuda. ¿Le duele? ¡Llame ya!", "es") == [
        "La Dra. Ruiz le ayuda.", "¿Le duele?", "¡Llame ya!"]
    assert pieces("J. Smith wrote it.") == ["J. Smith wrote it."]


def test_a_heading_without_a_stop_is_one_sentence_and_empty_bits_are_dropped():
    assert pieces("Caring for your back") == ["Caring for your back"]
    assert pieces("   ") == [] and pieces("\ufffc") == []


def test_places_are_the_places_in_the_page_text():
    paragraphs = [Paragraph(0, "Title"), Paragraph(6, "One. Two\ufffc three."),
                  Paragraph(30, "Sources: a book.", footer=True)]
    sentences = sentences_of(paragraphs)
    assert [(s.start, s.end, s.text) for s in sentences] == [
        (0, 5, "Title"), (6, 10, "One."), (11, 22, "Two  three."), (30, 46, "Sources: a book.")]
    assert speakable("a\ufffcb\u2029c") == "a b c"


def test_from_the_top_the_footer_is_left_out_and_a_tap_there_reads_it():
    paragraphs = [Paragraph(0, "Title"), Paragraph(6, "One. Two."), Paragraph(20, "Last review.", True),
                  Paragraph(40, "Not advice.", True)]
    sentences = sentences_of(paragraphs)
    assert [s.text for s in reading_plan(sentences)] == ["Title", "One.", "Two."]
    assert [s.text for s in reading_plan(sentences, 11)] == ["Two."]
    assert [s.text for s in reading_plan(sentences, 40)] == ["Not advice."]
    assert reading_plan(sentences, 500) == []


def test_reading_time_grows_with_the_words():
    assert 3.5 < reading_seconds("word " * 10, "en") < 4.5
    assert reading_seconds("", "es") == 0


def test_the_preferred_accent_and_plain_voice_come_first():
    offers = [VoiceOffer("Spanish (Spain)", "es_ES"), VoiceOffer("Spanish (Latin America)+Adam", "es_419"),
              VoiceOffer("Spanish (Latin America)", "es_419"), VoiceOffer("English (Caribbean)", "en_US"),
              VoiceOffer("English (America)", "en_US"), VoiceOffer("English (Great Britain)", "en_GB")]
    assert choose_voice("es", offers) == VoiceOffer("Spanish (Latin America)", "es_419")
    assert choose_voice("en", offers) == VoiceOffer("English (America)", "en_US")
    assert choose_voice("fr", offers) is None
    assert locales_for("es", ["es_ES", "fr_FR", "es_419", "es_MX"]) == ["es_MX", "es_419", "es_ES"]


def test_a_voice_named_in_the_settings_wins_for_its_language_only():
    offers = [VoiceOffer("Spanish (Latin America)", "es_419"), VoiceOffer("Spanish (Spain)", "es_ES"),
              VoiceOffer("English (America)", "en_US")]
    named = ("spanish (spain)", "Nobody")
    assert choose_voice("es", offers, named) == VoiceOffer("Spanish (Spain)", "es_ES")
    assert choose_voice("en", offers, named) == VoiceOffer("English (America)", "en_US")


def test_install_hints_name_what_to_install():
    assert "speech-dispatcher-espeak-ng" in install_hint("linux")
    assert "Speech" in install_hint("win32") and "Spoken Content" in install_hint("darwin")


def test_settings_read_aloud_engine_and_voices(tmp_path: Path):
    path = tmp_path / "kiosk.toml"
    path.write_text('read_aloud_engine = "speechd"\nread_aloud_voices = ["A", "B"]\n', encoding="utf-8")
    config = load_config(path).config
    assert config.read_aloud_engine == "speechd" and config.read_aloud_voices == ("A", "B")
    path.write_text('read_aloud_engine = "Not one"\nread_aloud_voices = "A"\n', encoding="utf-8")
    loaded = load_config(path)
    assert [str(p) for p in loaded.problems] == [
        f"{path}:1: error: 'read_aloud_engine' must be an engine name such as \"speechd\", or \"none\"; "
        "using the default ''",
        f"{path}:2: error: 'read_aloud_voices' must be a list of names in quotes, such as [\"Name\"]; "
        "using the default []"]
    assert loaded.config.read_aloud_voices == ()
