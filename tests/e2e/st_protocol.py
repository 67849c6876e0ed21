"""A Streamlit session without a browser: the browser's own WebSocket protocol, for many at once.

Each :class:`Session` opens ``/_stcore/stream`` and sends the ``BackMsg`` protobufs the browser
sends: a ``rerun_script`` with the page name and query string opens a page; a slider move is a
``rerun_script`` carrying the slider's new value in ``widget_states`` (and the fragment id when
the slider sits in an ``st.fragment``), with the query string the server last wrote to the URL.
A run is over at its ``script_finished`` message. Used by ``bench/load.py`` (a class at once) and
by ``tests/e2e/test_cold_burst_e2e.py`` (a class opening a freshly started server).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

#: Finished states of a script run that count as success (whole page or a fragment alone).
_FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Slider:
    """What a session needs to move a slider: its id, range, step and fragment."""

    widget_id: str
    low: float
    high: float
    step: float
    fragment_id: str
    query_param_key: str  #: set when the slider is bound to the URL (the browser writes it)
    #: a select slider's options as shown (the browser sends the chosen one); empty for a
    #: plain slider
    options: tuple[str, ...] = ()


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float
    sliders: list[Slider]
    query_string: str
    page_script_hash: str
    errors: list[str]
    elements: int = 0  #: elements the run drew


def connect_to(url: str, timeout: float, headers: dict[str, str] | None = None):
    """The WebSocket of a new session on the server (or proxy) at ``url`` (``http://…``)."""
    ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    return connect(
        ws_url,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
        ping_interval=None,
        additional_headers=headers,
    )


class Session:
    """One student: a WebSocket to the server speaking the browser's protocol."""

    def __init__(self, ws: ClientConnection, page: str, query: str, locale: str = "en-US") -> None:
        self.ws = ws
        self.page = page
        self.query = query
        self.locale = locale
        self.page_script_hash = ""
        self.states: dict[str, WidgetState] = {}

    async def run(self, timeout: float, fragment_id: str = "") -> RunResult:
        """Ask for a rerun with the current widget states; wait for it to finish."""
        state = ClientState(
            query_string=self.query,
            page_script_hash=self.page_script_hash,
            page_name="" if self.page_script_hash else self.page,
            fragment_id=fragment_id,
            context_info=ContextInfo(timezone="UTC", locale=self.locale, url="http://127.0.0.1/"),
        )
        state.widget_states.widgets.extend(self.states.values())
        started = time.perf_counter()
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        sliders: list[Slider] = []
        errors: list[str] = []
        elements = 0
        async with asyncio.timeout(timeout):
            while True:
                msg = ForwardMsg.FromString(await self.ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "navigation":  # the page actually run (new_session's is app.py's)
                    self.page_script_hash = msg.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query = msg.page_info_changed.query_string
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    elements += 1
                    element = msg.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "exception":
                        errors.append(f"exception: {element.exception.message[:200]}")
                    elif which == "slider":
                        s = element.slider
                        sliders.append(
                            Slider(
                                s.id,
                                s.min,
                                s.max,
                                s.step or 1.0,
                                msg.delta.fragment_id,
                                s.query_param_key,
                                tuple(s.options) if s.type == s.SELECT_SLIDER else (),
                            )
                        )
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue
                    if msg.script_finished not in _FINISHED_OK:
                        errors.append(f"script finished with status {msg.script_finished}")
                    break
        return RunResult(
            time.perf_counter() - started,
            sliders,
            self.query,
            self.page_script_hash,
            errors,
            elements,
        )

    def set_slider(self, slider: Slider, value: float) -> None:
        """Set the slider's value as the browser does: a plain slider's value as a one-element
        double array, and in the URL; a select slider's option at index ``value`` as a
        one-element string array (Streamlit 1.67's select slider state), its URL left to the
        server's answer (``page_info_changed``)."""
        state = WidgetState(id=slider.widget_id)
        if slider.options:
            state.string_array_value.data.append(slider.options[int(value)])
        else:
            state.double_array_value.data.append(value)
        self.states[slider.widget_id] = state
        if slider.query_param_key and not slider.options:
            params = dict(parse_qsl(self.query))
            params[slider.query_param_key] = f"{value:g}"
            self.query = urlencode(params)


async def open_page(url: str, page: str, query: str, timeout: float) -> RunResult:
    """Open ``page`` (its URL path, ``""`` for home) with ``query`` in a new session; the run."""
    async with connect_to(url, timeout) as ws:
        return await Session(ws, page, query).run(timeout)
