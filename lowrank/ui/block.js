// The block renderer (lowrank/ui/block.py): draws a block's metrics, sentences and charts from one
// payload that holds them at every position of a slider (lowrank/views/block.py), and shows the
// position of the page's own st.slider (found by its key class, `.st-key-<key>`) as it moves:
// dragged, keyed or set from the URL. It is the blocks' only renderer; the page's rerun sends the
// same payload again, and an unchanged payload leaves what is drawn as it is. SliderWatch comes
// from slider_watch.js, which lowrank/ui/block.py puts before this script.

const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 280;
const MARGIN = { left: 58, right: 14, top: 12, bottom: 46 };
const SETTLE_MS = 400; // screen readers hear a chart's text once the slider rests

function element(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  parent?.appendChild(node);
  return node;
}

function svgElement(tag, attributes, parent) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  parent?.appendChild(node);
  return node;
}

// Inline **bold**, *italic* and _{subscript} of a text, the rest as text.
// A metric's help: a "?" button after its label (the "?" drawn by CSS, so it is not part of the
// label's text) shows and hides the text under the metric, so it reaches a keyboard and a
// finger, not only a mouse's hover (the box's tooltip). The text is made on the first press.
function helpToggle(box, label, text) {
  box.title = text;
  const button = element("button", "lb-help", label);
  button.type = "button";
  button.setAttribute("aria-label", label.textContent.trim());
  button.setAttribute("aria-expanded", "false");
  let help = null;
  button.addEventListener("click", () => {
    help ??= Object.assign(element("div", "lb-caption lb-help-text", box), { textContent: text, hidden: true });
    help.hidden = !help.hidden;
    button.setAttribute("aria-expanded", String(!help.hidden));
  });
}

function setInline(node, text) {
  node.replaceChildren();
  for (const part of text.split(/(\*\*[^*]+\*\*|\*[^*]+\*|_\{[^}]+\})/)) {
    if (!part) continue;
    if (part.startsWith("**")) element("strong", "", node).textContent = part.slice(2, -2);
    else if (part.startsWith("_{")) element("sub", "", node).textContent = part.slice(2, -1);
    else if (part.startsWith("*") && part.length > 2) element("em", "", node).textContent = part.slice(1, -1);
    else node.appendChild(document.createTextNode(part));
  }
}

let hatches = 0; // pattern ids, unique in the component's shadow root

class ChartView {
  constructor(chart, parent) {
    this.chart = chart;
    this.hatchId = `lb-hatch-${++hatches}`;
    const figure = element("figure", "lb-chart", parent);
    element("figcaption", "lb-title", figure).textContent = chart.title;
    const legend = element("div", "lb-legend", figure);
    for (const series of chart.series) {
      const entry = element("span", "lb-entry", legend);
      const kind = series.bars ? "lb-swatch lb-box" : series.dash ? "lb-swatch lb-dashed" : "lb-swatch";
      const swatch = element("span", kind, entry);
      swatch.style.borderColor = swatch.style.backgroundColor = series.colour;
      entry.appendChild(document.createTextNode(series.name));
    }
    this.stage = element("div", "lb-stage", figure);
    this.svg = svgElement("svg", { role: "img", height: HEIGHT }, this.stage);
    this.tip = element("div", "lb-tip", this.stage);
    this.alt = element("p", "lb-alt", figure);
    this.alt.setAttribute("aria-live", "polite");
    this.svg.addEventListener("pointermove", (event) => this.hover(event));
    this.svg.addEventListener("pointerdown", (event) => this.hover(event));
    this.svg.addEventListener("pointerleave", () => this.unhover());
  }

  // Draw at the stage's width, when it has changed (a resize, a rotated phone).
  fit() {
    const width = Math.max(200, Math.floor(this.stage.clientWidth));
    if (width !== this.width) this.draw(width);
  }

  // Axis units to pixels, for the current width.
  x(value) {
    const [low, high] = this.chart.xRange;
    const v = this.chart.logX ? Math.log10(value) : value;
    return MARGIN.left + ((v - low) / (high - low)) * (this.width - MARGIN.left - MARGIN.right);
  }

  y(value) {
    const [low, high] = this.chart.yRange;
    const v = this.chart.logY ? Math.log10(value) : value;
    return HEIGHT - MARGIN.bottom - ((v - low) / (high - low)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  }

  draw(width) {
    this.width = width;
    const { chart, svg } = this;
    svg.replaceChildren();
    svg.setAttribute("width", this.width);
    svg.setAttribute("viewBox", `0 0 ${this.width} ${HEIGHT}`);
    const left = MARGIN.left, right = this.width - MARGIN.right;
    const top = MARGIN.top, bottom = HEIGHT - MARGIN.bottom;
    const axes = svgElement("g", { class: "lb-axes" }, svg);
    for (const [value, label] of chart.yTicks) {
      const y = this.y(value);
      svgElement("line", { x1: left, x2: right, y1: y, y2: y, class: "lb-grid" }, axes);
      svgElement("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, axes).textContent = label;
    }
    for (const [value, label] of chart.xTicks) {
      const x = this.x(value);
      svgElement("line", { x1: x, x2: x, y1: bottom, y2: bottom + 4, class: "lb-axis" }, axes);
      svgElement("text", { x, y: bottom + 17, "text-anchor": "middle" }, axes).textContent = label;
    }
    svgElement("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "lb-axis" }, axes);
    svgElement("text", { x: (left + right) / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "lb-label" }, axes)
      .textContent = chart.xLabel;
    const yLabel = svgElement("text", { x: 0, y: 0, "text-anchor": "middle", class: "lb-label" }, axes);
    yLabel.setAttribute("transform", `translate(13 ${(top + bottom) / 2}) rotate(-90)`);
    yLabel.textContent = chart.yLabel;
    for (const level of chart.levels) {
      const y = this.y(level.y);
      svgElement("line", { x1: left, x2: right, y1: y, y2: y, stroke: level.colour, class: "lb-level" }, svg);
      const text = svgElement("text", { x: right - 4, y: level.below ? y + 13 : y - 4, fill: level.colour,
        "text-anchor": "end", class: "lb-line-label" }, svg);
      text.textContent = level.label;
    }
    chart.lines.forEach((line, i) => {
      const x = this.x(line.x);
      svgElement("line", { x1: x, x2: x, y1: top, y2: bottom, stroke: line.colour, class: "lb-line" }, svg);
      const anchor = x > (left + right) / 2 ? "end" : "start";
      const text = svgElement("text", { x: x + (anchor === "end" ? -4 : 4), y: top + 12 + 14 * i, fill: line.colour,
        "text-anchor": anchor, class: "lb-line-label" }, svg);
      text.textContent = line.label;
    });
    if (chart.band) {
      const pattern = svgElement("pattern", { id: this.hatchId, width: 6, height: 6,
        patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, svgElement("defs", {}, svg));
      svgElement("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "lb-hatch" }, pattern);
      this.bandRect = svgElement("rect", { y: top, height: bottom - top, fill: `url(#${this.hatchId})`,
        class: "lb-band" }, svg);
      this.bandLabel = svgElement("text", { y: top + 12, "text-anchor": "end", class: "lb-band-label" }, svg);
      this.bandLabel.textContent = chart.band;
    }
    this.bars = [];
    for (const series of chart.series) {
      if (series.bars) this.drawBars(series);
      else this.drawLine(series);
    }
    // curves (not bars, which fade themselves) are faded where the band lies, under a veil
    this.veil = chart.band && chart.series.some((series) => !series.bars)
      ? svgElement("rect", { y: top, height: bottom - top, class: "lb-veil" }, svg) : null;
    if (this.veil) svg.appendChild(this.bandLabel); // the band's name stays above the veil
    const marked = chart.mark.length > 0;
    this.markLine = marked ? svgElement("line", { y1: top, y2: bottom, class: "lb-mark" }, svg) : null;
    this.markLabel = marked ? svgElement("text", { y: top + 12, class: "lb-mark-label" }, svg) : null;
    // a curve with marks of its own gets its own thin line and label, in its colour
    this.ownMarks = chart.series.map((series) => series.marks.length ? {
      line: svgElement("line", { y1: top, y2: bottom, stroke: series.colour, class: "lb-own-mark" }, svg),
      label: svgElement("text", { fill: series.colour, class: "lb-mark-label" }, svg),
    } : null);
    this.markDots = chart.series.map((series) =>
      series.bars || !(marked || series.marks.length) ? null
        : svgElement("circle", { r: 4.5, fill: series.colour, class: "lb-dot" }, svg));
    this.hairline = svgElement("line", { y1: top, y2: bottom, class: "lb-hair", visibility: "hidden" }, svg);
    if (this.position !== undefined) this.show(this.position);
  }

  drawLine(series) {
    const points = series.x.map((x, i) => [this.x(x), this.y(series.y[i])]);
    svgElement("polyline", { points: points.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" "),
      stroke: series.colour, fill: "none", "stroke-width": series.width ?? 2,
      "stroke-dasharray": series.dash ? "6 4" : "none" }, this.svg);
    if (points.length <= 40) {
      for (const [x, y] of points) svgElement("circle", { cx: x, cy: y, r: 2.5, fill: series.colour }, this.svg);
    }
  }

  // Bars one x apart, 70 % of that wide, each with its label above it.
  drawBars(series) {
    const width = 0.7 * Math.abs(this.x(1) - this.x(0));
    const base = this.y(this.chart.logY ? 10 ** this.chart.yRange[0] : Math.max(0, this.chart.yRange[0]));
    series.x.forEach((x, i) => {
      const top = this.y(series.y[i]);
      const bar = svgElement("rect", { x: this.x(x) - width / 2, y: Math.min(top, base), width,
        height: Math.abs(base - top), fill: series.colour }, this.svg);
      this.bars.push({ bar, x });
      if (series.labels[i] && width >= 14) {
        const label = svgElement("text", { x: this.x(x), y: top - 4, "text-anchor": "middle" }, this.svg);
        label.textContent = series.labels[i];
      }
    });
  }

  // The index of the point nearest x (in pixels, so a log axis is measured as drawn).
  nearest(series, x) {
    const px = this.x(x);
    let best = 0;
    for (let i = 1; i < series.x.length; i++) {
      if (Math.abs(this.x(series.x[i]) - px) < Math.abs(this.x(series.x[best]) - px)) best = i;
    }
    return best;
  }

  // A vertical mark at x with its label on the side that has room.
  placeMark(line, label, x, text, row = 0) {
    const px = this.x(x), right = this.width - MARGIN.right;
    line?.setAttribute("x1", px);
    line?.setAttribute("x2", px);
    if (!label) return px;
    const onLeft = px > (MARGIN.left + right) / 2;
    label.setAttribute("x", onLeft ? px - 4 : px + 4);
    label.setAttribute("y", MARGIN.top + 12 + 14 * row);
    label.setAttribute("text-anchor", onLeft ? "end" : "start");
    label.textContent = text ?? "";
    return px;
  }

  show(i) {
    this.position = i;
    const x = this.chart.mark.length ? this.chart.mark[i] : null;
    const px = x === null ? null : this.placeMark(this.markLine, this.markLabel, x, this.chart.markLabels[i]);
    const right = this.width - MARGIN.right;
    let row = px === null ? 0 : 1; // the curves' own labels go under the chart's, if any
    this.chart.series.forEach((series, s) => {
      if (!this.markDots[s]) return;
      const at = series.marks.length ? series.marks[i] : x;
      const own = this.ownMarks[s];
      if (own) this.placeMark(own.line, own.label, at, series.markLabels[i], series.markLabels.length ? row++ : 0);
      const j = this.nearest(series, at);
      this.markDots[s].setAttribute("cx", this.x(series.x[j]));
      this.markDots[s].setAttribute("cy", this.y(series.y[j]));
    });
    for (const { bar, x: at } of this.bars) bar.classList.toggle("lb-dropped", Boolean(this.bandRect) && at > x);
    if (this.bandRect && px !== null) {
      const width = Math.max(0, right - px);
      this.bandRect.setAttribute("x", px);
      this.bandRect.setAttribute("width", width);
      this.veil?.setAttribute("x", px);
      this.veil?.setAttribute("width", width);
      this.bandLabel.setAttribute("x", right - 4);
      this.bandLabel.setAttribute("visibility", width > 60 ? "visible" : "hidden");
    }
    this.svg.setAttribute("aria-label", (this.chart.altLead ?? "") + this.chart.alts[i]);
  }

  announce(i) {
    this.alt.textContent = this.chart.alts[i];
  }

  hover(event) {
    const box = this.svg.getBoundingClientRect();
    const px = event.clientX - box.left;
    const [low, high] = this.chart.xRange;
    const along = low + ((px - MARGIN.left) / (this.width - MARGIN.left - MARGIN.right)) * (high - low);
    const x = this.chart.logX ? 10 ** along : along;
    const lines = this.chart.series.map((series) => series.hover[this.nearest(series, x)]);
    this.tip.replaceChildren(...lines.map((line) => Object.assign(document.createElement("div"), { textContent: line })));
    const j = this.nearest(this.chart.series[0], x);
    const hx = this.x(this.chart.series[0].x[j]);
    this.hairline.setAttribute("x1", hx);
    this.hairline.setAttribute("x2", hx);
    this.hairline.setAttribute("visibility", "visible");
    this.tip.style.display = "block";
    const onRight = hx > this.width / 2;
    this.tip.style.left = onRight ? "" : `${hx + 10}px`;
    this.tip.style.right = onRight ? `${this.width - hx + 10}px` : "";
  }

  unhover() {
    this.tip.style.display = "none";
    this.hairline.setAttribute("visibility", "hidden");
  }
}

// A table at each position (lowrank/views/block.py's Table): header cells, then body rows.
const ALIGN = { left: "left", right: "right", centre: "center" };

class TableView {
  constructor(table, parent) {
    this.table = table;
    this.wrap = element("div", "lb-table-wrap", parent);
    // A table wider than the screen scrolls sideways: then the keyboard can reach it too.
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.wrap);
    const node = element("table", "lb-table", this.wrap);
    if (table.caption) element("caption", "", node).textContent = table.caption;
    this.head = element("thead", "", node);
    this.body = element("tbody", "", node);
  }

  show(i) {
    const [header, ...rows] = this.table.rows[i];
    const row = (cells, parent, tag) => {
      const tr = element("tr", "", parent);
      cells.forEach((text, j) => {
        const cell = element(tag, "", tr);
        if (tag === "th") cell.scope = "col";
        cell.style.textAlign = ALIGN[this.table.align[j]];
        setInline(cell, text);
      });
    };
    this.head.replaceChildren();
    this.body.replaceChildren();
    row(header, this.head, "th");
    for (const cells of rows) row(cells, this.body, "td");
    this.fit();
  }

  fit() {
    this.wrap.tabIndex = this.wrap.scrollWidth > this.wrap.clientWidth ? 0 : -1;
  }
}

// A picture at each position (Picture): SVG shapes as data, never markup, at most its width.
class PictureView {
  constructor(picture, parent) {
    this.picture = picture;
    const figure = element("figure", "lb-chart lb-picture", parent);
    element("figcaption", "lb-title", figure).textContent = picture.title;
    this.svg = svgElement("svg", { role: "img", width: picture.width,
      viewBox: `0 0 ${picture.width} ${picture.height}`, ...picture.inherited }, figure);
    this.alt = element("p", "lb-alt", figure);
    this.alt.setAttribute("aria-live", "polite");
  }

  show(i) {
    this.svg.replaceChildren();
    for (const [tag, attributes, text] of this.picture.shapes[i]) {
      svgElement(tag, attributes, this.svg).textContent = text;
    }
    this.svg.setAttribute("aria-label", this.picture.alts[i]);
  }

  announce(i) {
    this.alt.textContent = this.picture.alts[i];
  }
}

class BlockView {
  constructor(root, data, at, body) {
    this.root = root;
    this.data = data;
    this.body = body;
    root.replaceChildren();
    root.dataset.slider = data.slider;
    root.dataset.block = data.block; // the page's name for it (lowrank/ui/block.py)
    const metrics = element("div", "lb-metrics", root);
    if (data.metricColumns) metrics.style.gridTemplateColumns = `repeat(${data.metricColumns}, minmax(0, 1fr))`;
    this.metrics = data.metrics.map((metric) => {
      const box = element("div", "lb-metric", metrics);
      const label = element("div", "lb-metric-label", box);
      setInline(label, metric.label);
      if (metric.colour) { // a swatch of its curve's colour (text in it could fail contrast)
        const swatch = element("span", "lb-swatch lb-box", null);
        swatch.style.backgroundColor = metric.colour;
        label.prepend(swatch, " ");
      }
      const value = element("div", "lb-metric-value", box);
      const note = metric.notes.length ? element("div", "lb-caption lb-note", box) : null;
      if (metric.help) helpToggle(box, label, metric.help);
      return { value, note };
    });
    this.tables = (data.tables ?? []).map((table) => new TableView(table, root));
    this.sentences = data.sentences.map((s) => element("p", s.caption ? "lb-sentence lb-caption" : "lb-sentence", root));
    if (data.sentencesFirst) root.prepend(...this.sentences); // a sentence that sums up the numbers
    const charts = data.charts.length || data.pictures?.length ? element("div", "lb-charts", root) : null;
    this.pictures = (data.pictures ?? []).map((p) => new PictureView(p, element("div", "lb-chart-cell", charts)));
    this.charts = data.charts.map((chart) => new ChartView(chart, element("div", "lb-chart-cell", charts)));
    this.resize = new ResizeObserver(() => this.charts.forEach((c) => c.fit()));
    this.charts.forEach((c) => (this.resize.observe(c.stage), c.fit()));
    this.show(at); // the server's position: the first frame is right before the slider is found
    this.slider = new SliderWatch(data.slider, (value) => this.follow(value));
  }

  follow(value) {
    const { start, step, count } = this.data.positions;
    const i = Math.min(count - 1, Math.max(0, Math.round((value - start) / step)));
    if (i !== this.position) this.show(i);
    this.root.dataset.value = String(value); // the slider value shown (bench/latency.py waits on it)
  }

  show(i) {
    this.position = i;
    this.data.metrics.forEach((metric, m) => {
      this.metrics[m].value.textContent = metric.values[i];
      if (this.metrics[m].note) setInline(this.metrics[m].note, metric.notes[i]);
    });
    this.data.sentences.forEach((sentence, s) => setInline(this.sentences[s], sentence.texts[i]));
    this.charts.forEach((chart) => chart.show(i));
    this.tables.forEach((table) => table.show(i));
    this.pictures.forEach((picture) => picture.show(i));
    this.root.dataset.position = String(i);
    clearTimeout(this.settle);
    this.settle = setTimeout(() => [...this.charts, ...this.pictures].forEach((c) => c.announce(i)), SETTLE_MS);
  }

  dispose() {
    clearTimeout(this.settle);
    this.slider.dispose();
    this.resize.disconnect();
    this.tables.forEach((table) => table.resize.disconnect());
  }
}

export default function ({ data: bytes, parentElement }) {
  const root = parentElement.querySelector(".lb-root");
  const json = new TextDecoder().decode(bytes); // UTF-8 JSON (lowrank/ui/block.py)
  const { at, ...data } = JSON.parse(json); // `at`: the slider's position in the server's run
  const body = JSON.stringify(data);
  if (root.blockView?.body !== body) { // the rerun's unchanged payload keeps what is drawn
    root.blockView?.dispose();
    root.blockView = new BlockView(root, data, at, body);
  }
  return () => { // called when the block leaves the page
    root.blockView?.dispose();
    delete root.blockView;
  };
}
