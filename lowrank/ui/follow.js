// What a slider changes, changed in the browser at once (lowrank/views/follow.py, lowrank/ui/follow.py).
//
// The page gives, for every position of one of its sliders, the markdown of the elements the
// slider changes (each in an st.container whose key gives it the class `.st-key-<key>`) and the
// marks to draw on its Plotly charts. As soon as the slider's value changes (dragged, keyboard,
// touch) this swaps the texts and moves the marks; the page's rerun then draws the same texts.
//
// Texts are swapped text node by text node (nodeValue), never by replacing elements, so React,
// which owns those nodes, keeps working on them when the rerun arrives. The markdown's text
// nodes are its pieces between `**` markers (or, for part "nodes", the source lists the nodes
// themselves, separated by U+001F: a table); when an element's nodes do not match (markup this
// does not know), it is left to the rerun and listed in `data-mismatch`. A rerun that draws an
// older position (the slider moved again meanwhile) is swapped back by the mutation observer.
//
// Marks are an SVG laid over the chart, placed with the chart's axes (`_fullLayout`: each axis'
// `_offset`, `_length`, `range`, `type`), redrawn when Plotly redraws or the chart is resized. A
// chart shown as a picture (an <img> of an SVG, lowrank/views/svg_charts.py) has no axes to read: its
// mark carries the plot's box on the picture (edges as fractions, axis ranges and types), scaled
// to the size the picture is shown at.

const MARK_COLOUR = "#d62728"; // lowrank/views/figures.py MARKER_COLOUR
const DROPPED_INK = "#555"; // the hatching and the name of a spectrum's dropped part
const SVG = "http://www.w3.org/2000/svg";
const NODE_SEPARATOR = "\u001f"; // lowrank/views/follow.py NODE_SEPARATOR

function textNodes(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

// The text nodes Streamlit's markdown makes of a source that only uses **bold**.
function pieces(source) {
  return source
    .split("**")
    .map((piece) => piece.trim())
    .filter((piece) => piece);
}

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

class Follower {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.input = null;
    this.elements = [];
    this.index = -1;
    this.request = 0;
    this.applied = 0;
    // Texts are swapped as soon as the slider's value changes (the observer's microtask, before
    // the browser paints the slider's new position) or a rerun redraws an element.
    this.watch = new MutationObserver(() => this.apply());
    this.charts = new Map(); // mark → { plot, overlay, resize }
    this.slider = new MutationObserver(() => this.apply());
    this.poll = setInterval(() => this.attach(), 250);
    root.dataset.slider = data.slider;
    this.attach();
  }

  // Find the slider (again, if Streamlit re-created it; none while the page does not show it)
  // and the elements it changes; apply the position when any of them is new.
  attach() {
    const input = document.querySelector(`.st-key-${this.data.slider} input[type="range"]`);
    const keys = [...this.data.texts, ...(this.data.pictures ?? [])].map(({ key }) => key);
    const elements = keys.map((key) => document.querySelector(`.st-key-${key}`));
    const same = input === this.input && elements.every((element, j) => element === this.elements[j]);
    if (same) {
      const unmarked = this.data.marks.some((mark) => !this.charts.get(mark)?.overlay.isConnected);
      if (input && unmarked) this.schedule(); // a chart drawn (again) since: mark it
      return;
    }
    this.slider.disconnect();
    this.watch.disconnect();
    this.input = input;
    this.elements = elements;
    if (!input) return; // idle until the slider is back
    this.slider.observe(input, { attributes: true, attributeFilter: ["value", "aria-valuetext"] });
    for (const element of elements.filter(Boolean)) {
      this.watch.observe(element, {
        subtree: true, characterData: true, childList: true, attributes: true,
        attributeFilter: ["src"],
      });
    }
    this.apply();
  }

  position() {
    if (!this.input) return -1;
    const { start, step, count } = this.data;
    const value = Number(this.input.value);
    if (!Number.isFinite(value)) return -1;
    return Math.min(count - 1, Math.max(0, Math.round((value - start) / step)));
  }

  schedule() {
    if (!this.request) this.request = requestAnimationFrame(() => this.apply());
  }

  apply() {
    cancelAnimationFrame(this.request);
    this.request = 0;
    const i = this.position();
    if (i < 0) return;
    const started = performance.now();
    const mismatched = [];
    for (const { key, part, sources, at } of this.data.texts) {
      const holder = document.querySelector(`.st-key-${key}`);
      const element =
        holder && (part === "value" ? holder.querySelector('[data-testid="stMetricValue"]') : holder);
      if (!element) continue;
      const nodes = textNodes(element);
      const source = sources[at ? at[i] : i]; // `at`: positions sharing a text point at it
      const wanted = part === "nodes" ? source.split(NODE_SEPARATOR) : pieces(source);
      if (nodes.length !== wanted.length) {
        mismatched.push(key);
        continue;
      }
      nodes.forEach((node, j) => {  // the node keeps its own spaces around bold pieces
        const text = node.nodeValue;
        if (text.trim() === wanted[j]) return;
        const [lead, tail] = [text.match(/^\s*/)[0], text.match(/\s*$/)[0]];
        node.nodeValue = lead + wanted[j] + tail;
      });
    }
    for (const { key, sources, alts } of this.data.pictures ?? []) {
      const image = document.querySelector(`.st-key-${key} img`);
      if (!image) {
        mismatched.push(key);
        continue;
      }
      if (image.getAttribute("src") !== sources[i]) image.setAttribute("src", sources[i]);
      if (image.getAttribute("alt") !== alts[i]) image.setAttribute("alt", alts[i]);
    }
    this.data.marks.forEach((mark) => this.drawMark(mark, i));
    this.index = i;
    this.applied += 1;
    this.root.dataset.k = String(this.data.start + i * this.data.step); // the value shown
    this.root.dataset.applied = String(this.applied);
    this.root.dataset.mismatch = mismatched.join(" ");
    this.root.dataset.ms = (performance.now() - started).toFixed(1);
  }

  // Where a mark's chart is drawn, with axes in Plotly's terms (`_offset`, `_length`, `range`,
  // `type`, in px of the overlay): a Plotly plot (its own axes), or a picture of a chart (an
  // <img>, as st.image shows an SVG of lowrank/views/svg_charts.py) placed by the mark's `box`, at the
  // size the picture is shown. `host` takes the overlay at (left, top); `target` is watched.
  frame(mark) {
    const holder = document.querySelector(`.st-key-${mark.chart}`);
    const plot = holder && holder.querySelector(".js-plotly-plot");
    if (plot) {
      const layout = plot._fullLayout;
      const xa = layout && layout[`xaxis${mark.axis}`];
      const ya = layout && layout[`yaxis${mark.axis}`];
      if (!xa || !ya || !xa._length) return null;
      const { width, height } = layout;
      return { target: plot, host: plot, left: 0, top: 0, width, height, xa, ya };
    }
    const image = mark.box && holder && holder.querySelector("img");
    if (!image || !image.clientWidth || !image.clientHeight) return null;
    const host = image.parentElement; // positioned, so that the overlay's offsets are the image's
    if (!host.style.position && getComputedStyle(host).position === "static") {
      host.style.position = "relative";
    }
    const { box } = mark;
    const [width, height] = [image.clientWidth, image.clientHeight];
    const axis = (range, log, start, end, size) => ({
      range, type: log ? "log" : "linear", _offset: start * size, _length: (end - start) * size,
    });
    return {
      target: image, host, width, height,
      left: image.offsetLeft + image.clientLeft, top: image.offsetTop + image.clientTop,
      xa: axis(box.x, box.xlog, box.left, box.right, width),
      ya: axis(box.y, box.ylog, box.top, box.bottom, height),
    };
  }

  // The mark of position i on its chart, in an SVG over the plot. The chart's geometry and
  // styles are read once per drawing of the chart (again when it is resized or Plotly redraws
  // it), not on every move: reading sizes right after the texts changed would make the browser
  // lay the whole page out before it can paint the move.
  drawMark(mark, i) {
    let chart = this.charts.get(mark);
    if (!chart || chart.stale || !chart.overlay.isConnected) {
      const frame = this.frame(mark);
      if (!frame) return;
      if (!chart || chart.target !== frame.target || !chart.overlay.isConnected) {
        chart?.resize.disconnect();
        const overlay = svgElement("svg", { class: "lr-mark", "aria-hidden": "true" });
        overlay.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;overflow:visible";
        if (frame.host === frame.target) frame.host.style.position ||= "relative";
        frame.host.appendChild(overlay);
        const stale = () => {
          chart.stale = true;
          this.schedule();
        };
        const resize = new ResizeObserver(stale);
        resize.observe(frame.target);
        frame.target.on?.("plotly_afterplot", stale);
        chart = { target: frame.target, overlay, resize };
        this.charts.set(mark, chart);
      }
      chart.frame = frame;
      chart.stale = false;
      chart.background = getComputedStyle(document.body).backgroundColor || "#fff";
      chart.font = getComputedStyle(frame.target).fontFamily;
      chart.overlay.style.left = `${frame.left}px`;
      chart.overlay.style.top = `${frame.top}px`;
      chart.overlay.setAttribute("width", frame.width);
      chart.overlay.setAttribute("height", frame.height);
    }
    const { overlay, frame } = chart;
    const { xa, ya } = frame;
    const along = (axis, value) => {
      const v = axis.type === "log" ? Math.log10(value) : value;
      const [r0, r1] = axis.range;
      return (v - r0) / (r1 - r0);
    };
    const x = xa._offset + along(xa, mark.x[i]) * xa._length;
    const top = ya._offset;
    const bottom = ya._offset + ya._length;
    const inside = x >= xa._offset - 0.5 && x <= xa._offset + xa._length + 0.5;
    overlay.replaceChildren();
    overlay.dataset.index = String(i);
    if (!inside) return;
    if (mark.band) {
      // The dropped part: faded, hatched and named, so that colour is not its only mark.
      const width = Math.max(0, xa._offset + xa._length - x);
      const hatch = `lr-hatch-${mark.chart}`;
      const band = svgElement("g", { class: "lr-band" });
      const defs = svgElement("defs", {});
      const pattern = svgElement("pattern", {
        id: hatch, width: 7, height: 7, patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      });
      pattern.appendChild(
        svgElement("line", { x1: 0, y1: 0, x2: 0, y2: 7, stroke: DROPPED_INK, "stroke-width": 1.2 }),
      );
      defs.appendChild(pattern);
      band.appendChild(defs);
      for (const [fill, opacity] of [[chart.background, 0.7], [`url(#${hatch})`, 0.5]]) {
        band.appendChild(
          svgElement("rect", { x, y: top, width, height: ya._length, fill, "fill-opacity": opacity }),
        );
      }
      if (width >= 48) { // room for the name
        const label = svgElement("text", {
          x: x + width / 2, y: top + 14, fill: DROPPED_INK, "text-anchor": "middle",
          "font-size": 12, "font-family": chart.font,
        });
        label.textContent = mark.band;
        band.appendChild(label);
      }
      overlay.appendChild(band);
    }
    const colour = mark.colour || MARK_COLOUR;
    if (mark.line !== false) {
      overlay.appendChild(
        svgElement("line", {
          x1: x, x2: x, y1: top, y2: bottom,
          stroke: colour, "stroke-width": 2, "stroke-dasharray": "6 4",
        }),
      );
    }
    if (mark.y.length) {
      const y = top + (1 - along(ya, mark.y[i])) * ya._length;
      overlay.appendChild(
        svgElement("circle", { cx: x, cy: y, r: 5, fill: colour, stroke: "#fff", "stroke-width": 1.5 }),
      );
    }
    if (mark.label.length) {
      const right = x > xa._offset + 0.75 * xa._length; // near the right end: label to the left
      const label = svgElement("text", {
        x: right ? x - 4 : x + 4,
        y: bottom - 6, // under the curves, which mostly run high (energy kept)
        fill: colour,
        "text-anchor": right ? "end" : "start",
        "font-size": 12,
        "font-family": chart.font,
      });
      label.textContent = mark.label[i];
      overlay.appendChild(label);
    }
  }

  dispose() {
    cancelAnimationFrame(this.request);
    clearInterval(this.poll);
    this.watch.disconnect();
    this.slider.disconnect();
    for (const { overlay, resize } of this.charts.values()) {
      resize.disconnect();
      overlay.remove();
    }
  }
}

export default function ({ data: json, parentElement }) {
  const data = JSON.parse(json); // lowrank/ui/follow.py as_json
  const root = parentElement.querySelector(".lr-follow");
  root.follower?.dispose(); // Streamlit calls this again, without cleanup, when data changes
  root.follower = new Follower(root, data);
  return () => root.follower?.dispose();
}
