// SliderWatch: follows the page's own st.slider (widget key `key`, found by its key class
// `.st-key-<key>`, as Streamlit names keyed elements). `onValue(value, attached)` is called with
// the slider's value each time it changes — live while it is dragged or keyed — and once each
// time the slider is found (again), with `attached` true, e.g. when Streamlit re-creates it.
// Prepended by lowrank/ui/block.py and live_rank.py to their components' scripts.
class SliderWatch {
  constructor(key, onValue) {
    this.selector = `.st-key-${key} input[type="range"]`;
    this.onValue = onValue;
    this.input = null;
    this.observer = new MutationObserver(() => this.report(false));
    this.poll = setInterval(() => this.attach(), 250);
    this.attach();
  }

  attach() {
    if (this.input && this.input.isConnected && this.input.matches(this.selector)) return;
    const input = document.querySelector(this.selector);
    if (!input) return;
    this.observer.disconnect();
    this.input = input;
    this.observer.observe(input, { attributes: true, attributeFilter: ["value", "aria-valuetext"] });
    this.report(true);
  }

  report(attached) {
    const value = Number(this.input.value);
    if (Number.isFinite(value)) this.onValue(value, attached);
  }

  dispose() {
    clearInterval(this.poll);
    this.observer.disconnect();
  }
}
