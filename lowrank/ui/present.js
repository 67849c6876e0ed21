// The keys of presentation mode (lowrank/ui/present.py): "]" goes to the next step of the course,
// "[" to the previous one.
//
// The key clicks the presentation bar's own link (an st.page_link in a container with the class
// `.st-key-lowrank_present_next` or `…_prev`), so Streamlit navigates exactly as for a click and
// the link's query parameters (language, example, present) come along. Keys pressed while typing
// or on a control that uses keys itself (a focused slider takes arrows, PageUp/PageDown,
// Home/End; a grid or a text field takes any character) are left alone. One listener for the
// tab (marked on <html data-lowrank-present-keys>): the page mounts this again on every run and
// after every page switch.

const LINKS = { "]": "lowrank_present_next", "[": "lowrank_present_prev" };
const OWN_KEYS =
  "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='slider']," +
  " [role='textbox'], [role='combobox'], [role='spinbutton'], [role='grid']," +
  " [data-testid='stDataFrame']";

function onKey(event) {
  // AltGr (Ctrl and Alt together) types "[" and "]" on some layouts; other modifiers are
  // shortcuts of the browser or the system.
  if (event.defaultPrevented || event.repeat || event.isComposing) return;
  if (event.metaKey || event.ctrlKey !== event.altKey) return;
  const container = LINKS[event.key];
  if (!container) return;
  const target = event.target;
  if (target instanceof Element && (target.isContentEditable || target.closest(OWN_KEYS))) return;
  const link = document.querySelector(`.st-key-${container} a[href]`);
  if (!link) return; // not in presentation mode, or no step that way
  event.preventDefault();
  link.click();
}

export default function () {
  const root = document.documentElement;
  if (root.dataset.lowrankPresentKeys) return;
  root.dataset.lowrankPresentKeys = "listening"; // also tells a test that the keys work now
  document.addEventListener("keydown", onKey);
}
