// One full rerun after each reconnection (lowrank/ui/reconnect.py).
//
// When the server restarts, Streamlit reconnects the tab but does not rerun the page; the new
// server knows none of the page's fragments and drops their reruns, so a slider inside one did
// nothing. Watching the app's connection state, this asks for a full rerun once the tab is
// connected again: the page is rebuilt from its URL and its widgets' values.

export default function ({ setTriggerValue }) {
  const state = (window.__lowrankReconnect ??= { trigger: null, app: null, lost: false });
  state.trigger = setTriggerValue; // the latest mount's, as the page reruns
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || state.app === app) return;
  state.app = app;
  new MutationObserver(() => {
    if (app.dataset.testConnectionState !== "CONNECTED") state.lost = true;
    else if (state.lost) {
      state.lost = false;
      setTimeout(() => state.trigger("reconnected", Date.now()), 0);
    }
  }).observe(app, { attributes: true, attributeFilter: ["data-test-connection-state"] });
}
