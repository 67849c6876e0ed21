"""Widgets every page shares: self-checks, the "in the note" box, URL checks and input errors."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lowrank.errors import InputError
from lowrank.ui.page_state import Frame

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")


def plain(text: object, limit: int = 40) -> str:
    """User text made safe to show inside markdown: shortened, markdown characters escaped.

    Streamlit never renders raw HTML here (``unsafe_allow_html`` stays off); escaping also stops
    user text from becoming links, emphasis or maths.
    """
    value = str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value.replace("\n", " "))


def show_input_error(page: Frame, error: InputError) -> None:
    """A translated message for bad input, saying that the last valid input is still shown."""
    params = {name: plain(value) for name, value in error.params.items()}
    st.error(f"{page.t(error.key, **params)} {page.t('error.kept_previous')}", icon="⚠️")


def is_int_in(low: int, high: int) -> Callable[[str], bool]:
    """A check for a URL value that must be an integer in [low, high]."""

    def check(raw: str) -> bool:
        try:
            return low <= int(raw) <= high
        except ValueError:
            return False

    return check


def is_number_in(low: float, high: float) -> Callable[[str], bool]:
    """A check for a URL value that must be a number in [low, high]."""

    def check(raw: str) -> bool:
        try:
            return low <= float(raw) <= high
        except ValueError:
            return False

    return check


def is_one_of(options: Sequence[str]) -> Callable[[str], bool]:
    """A check for a URL value that must be one of ``options``."""
    return lambda raw: raw in options


def url_choice(
    page: Frame,
    label: str,
    options: Sequence[str],
    key: str,
    *,
    default: str,
    format_func: Callable[[str], str] = str,
    widget: Callable[..., object] = st.selectbox,
    always_in_url: bool = False,
    **widget_args: object,
) -> str:
    """A choice among stable ids, kept in ``?key=`` by id (never by its translated label).

    Streamlit's ``bind="query-params"`` stores a selection widget's *displayed label* in the URL,
    so a link shared from the English page would not work in Chinese. Here the URL holds the id
    and is the source of truth; the widget (``st.selectbox``, ``st.radio``,
    ``st.segmented_control``...) mirrors it. A value outside ``options`` gets a visible note and
    the default. The default is left out of the URL unless ``always_in_url``.
    """
    state_key = f"{key}__choice"
    raw = st.query_params.get(key)
    if raw is not None and raw not in options:
        st.warning(page.t("url.invalid", name=plain(key), value=plain(raw)), icon="🔗")
        raw = None
    wanted = raw if raw is not None else default
    # Seed the widget when the URL disagrees with it, and on a page's first run even when equal:
    # after a page switch the old page's value lingers under this key while the new page's widget
    # would start from its first option. Not on every run: re-seeding on each rerun made the
    # frontend drop a data editor's edit made in the same page.
    page_key = f"{key}__page"
    if st.session_state.get(state_key) != wanted or st.session_state.get(page_key) != page.page_id:
        st.session_state[state_key] = wanted
    st.session_state[page_key] = page.page_id
    _write_choice(key, wanted, default, always_in_url)
    choice = widget(
        label,
        list(options),
        format_func=format_func,
        key=state_key,
        on_change=lambda: _write_choice(key, st.session_state[state_key], default, always_in_url),
        **widget_args,
    )
    return choice if isinstance(choice, str) and choice in options else wanted


def _write_choice(key: str, value: object, default: str, always_in_url: bool) -> None:
    """Mirror a choice into the URL (dropping the default unless it must always show)."""
    if value is None:  # a segmented control clicked off: keep the URL as it is
        return
    if value == default and not always_in_url:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = str(value)


def check_query_param(page: Frame, name: str, valid: Callable[[str], bool]) -> bool:
    """Warn (translated) when ``?name=`` holds a value the page cannot use; True when it is fine.

    Call it before the widget bound to ``name`` first appears; the bad value is then removed from
    the URL. The widget itself is seeded by Streamlit from the link before the page runs: values it
    cannot parse (``k=abc``, ``k=-3``, out of range) give the widget its default, but some it
    coerces (``k=2.5`` becomes 2, ``steps=275`` stays off its slider's step). The note therefore
    says only that the value was not used as given. Once the widget is bound, Streamlit forbids
    deleting its parameter; a page whose range changes later (a smaller picture) clamps instead.
    """
    raw = st.query_params.get(name)
    if raw is None or valid(raw):
        return True
    st.warning(page.t("url.invalid", name=plain(name), value=plain(raw)), icon="🔗")
    with contextlib.suppress(StreamlitAPIException):  # once bound, only the widget may change it
        del st.query_params[name]
    return False


@dataclass(frozen=True)
class Question:
    """A multiple-choice self-check; texts are catalogue keys.

    ``key`` prefixes the texts: ``{key}.q`` is the question, ``{key}.{option}`` each option and
    ``{key}.why`` the explanation shown once the student answers.
    """

    key: str
    options: tuple[str, ...]
    answer: str


def _option_label(page: Frame, question_key: str, option: str) -> str:
    """A self-check option's text in the page's language."""
    return page.t(f"{question_key}.{option}")


def self_check(page: Frame, questions: Sequence[Question]) -> None:
    """Two or three questions with instant feedback, at the end of a page."""
    st.subheader(page.t("widget.self_check"))
    for number, question in enumerate(questions, start=1):
        choice = st.radio(
            f"**{number}.** {page.t(question.key + '.q')}",
            question.options,
            index=None,
            format_func=functools.partial(_option_label, page, question.key),
            key=f"quiz_{question.key}",
        )
        if choice is None:
            continue
        verdict = page.t("widget.correct" if choice == question.answer else "widget.wrong")
        explanation = page.t(question.key + ".why")
        if choice == question.answer:
            st.success(f"{verdict} {explanation}")
        else:
            st.error(verdict)


def in_the_note(
    page: Frame, note_key: str, precise_key: str, extra: Callable[[], None] | None = None
) -> None:
    """The "in the note" box: the note's words, then the precise version (and live numbers)."""
    with st.expander(page.t("widget.in_the_note"), icon="📒"):
        st.markdown(page.t("widget.note_says"))
        st.markdown(f"> {page.t(note_key)}")
        st.markdown(page.t("widget.precisely") + page.t(precise_key))
        if extra is not None:
            extra()
