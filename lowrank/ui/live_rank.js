// The live rank view: redraws S_k in the browser while the page's rank slider moves.
//
// The factors come from the store (live_factors.js, by content digest); the view's own data is
// a few settings, so re-sending the view on a slider move costs next to nothing. The view follows
// the page's own st.slider (SliderWatch, slider_watch.js, put before this script by
// lowrank/ui/live_rank.py): the slider's value changes
// live while it is dragged or moved with the keyboard, and Streamlit sends the final value to
// Python on release, so the numbers, the URL and the rest of the page follow. A slider whose value
// is not k itself (an energy target) comes with `positions`: {start, step, ranks}, the rank at
// each of its positions (position i has the value start + i·step). Going from rank k
// to k' adds or removes the |k' − k| rank-1 layers aᵢbᵢᵀ (or rebuilds from zero when that is
// cheaper); the work is sliced per animation frame so the picture keeps redrawing while it
// catches up with a fast drag. The same script draws /reconstruct's grid of layers (LayersView)
// from the same factors.

const FRAME_BUDGET_MS = 28; // layer updates per frame stop here, so drawing keeps ≥ 20 frames/s
const BADGE_HOLD_MS = 700; // the "live" badge stays this long after the last change

// acc (m×n, row-major) += sign · Σ_{i in [from, to)} aᵢ bᵢᵀ, rows outside, layers inside (the
// accumulator row stays in cache).
function addLayers(acc, a, b, m, n, from, to, sign) {
  for (let r = 0; r < m; r++) {
    const row = r * n;
    for (let i = from; i < to; i++) {
      const s = sign * a[i * m + r];
      if (s === 0) continue;
      const bi = i * n;
      for (let c = 0; c < n; c++) acc[row + c] += s * b[bi + c];
    }
  }
}

function colourAt(stops, t) {
  let j = 1;
  while (j < stops.length - 1 && stops[j][0] < t) j++;
  const [t0, r0, g0, b0] = stops[j - 1];
  const [t1, r1, g1, b1] = stops[j];
  const w = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
  return [r0 + w * (r1 - r0), g0 + w * (g1 - g0), b0 + w * (b1 - b0)];
}

// Cells as in the page's plotly heatmaps (lowrank/views/svd.py, panel_figures): square, ±scale on
// the diverging colours, 1 px gaps and numbers for small matrices, row and column numbers. `box` is
// the element whose width, font and colour the heatmap takes. The canvas keeps its cells for the
// hover readout.
function paintHeatmap(canvas, box, values, { m, n, scale, decimals, annotate, colours }) {
  const font = getComputedStyle(box).fontFamily;
  const margin = annotate ? 22 : 0; // room for the row and column numbers
  const width = Math.max(1, box.clientWidth - margin);
  const cell = Math.max(1, Math.min(annotate ? 44 : Math.floor(480 / m), Math.floor(width / n)));
  const ratio = window.devicePixelRatio || 1;
  const w = margin + cell * n;
  const h = margin + cell * m;
  const [pixelsWide, pixelsHigh] = [Math.round(w * ratio), Math.round(h * ratio)];
  if (canvas.width !== pixelsWide || canvas.height !== pixelsHigh) {
    canvas.width = pixelsWide;
    canvas.height = pixelsHigh;
    canvas.style.width = `${w}px`;
  }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, w, h);
  context.textAlign = "center";
  context.textBaseline = "middle";
  const gap = cell >= 8 ? 1 : 0;
  if (annotate) {
    context.font = `12px ${font}`;
    context.fillStyle = getComputedStyle(box).color;
    const middle = (i) => margin + (i + 0.5) * cell;
    for (let c = 0; c < n; c++) context.fillText(String(c + 1), middle(c), margin / 2);
    for (let r = 0; r < m; r++) context.fillText(String(r + 1), margin / 2, middle(r));
    context.font = `${Math.min(13, Math.floor(cell / 3.2))}px ${font}`;
  }
  const limit = scale > 0 ? scale : 1;
  const tiny = 0.5 * 10 ** -decimals;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < n; c++) {
      const v = values[r * n + c];
      const t = (Math.max(-limit, Math.min(limit, v)) / limit + 1) / 2;
      const [red, green, blue] = colourAt(colours, t);
      const x = margin + c * cell;
      const y = margin + r * cell;
      context.fillStyle = `rgb(${red},${green},${blue})`;
      context.fillRect(x, y, cell - gap, cell - gap);
      if (annotate) {
        const light = 0.299 * red + 0.587 * green + 0.114 * blue > 140;
        context.fillStyle = light ? "#1f2430" : "#ffffff";
        const label = (Math.abs(v) < tiny ? 0 : v).toFixed(decimals);
        context.fillText(label, x + (cell - gap) / 2, y + (cell - gap) / 2);
      }
    }
  }
  if (!canvas.cells) canvas.addEventListener("pointermove", (event) => hoverReadout(canvas, event));
  canvas.cells = { m, n, margin, cell, values, noise: 1e-6 * limit };
}

// The value under the pointer as the canvas's tooltip, "(row, column) = value" as on the Plotly
// heatmaps (4 significant digits; float32 rounding noise shown as 0).
function hoverReadout(canvas, event) {
  const { m, n, margin, cell, values, noise } = canvas.cells;
  const box = canvas.getBoundingClientRect();
  const c = Math.floor((event.clientX - box.left - margin) / cell);
  const r = Math.floor((event.clientY - box.top - margin) / cell);
  const inside = r >= 0 && r < m && c >= 0 && c < n;
  const v = inside ? values[r * n + c] : 0;
  canvas.title = inside ? `(${r + 1}, ${c + 1}) = ${Math.abs(v) <= noise ? 0 : Number(v.toPrecision(4))}` : "";
}

class LiveView {
  constructor(root, settings, factors) {
    this.root = root;
    this.header = { ...factors.header, ...settings };
    this.channels = factors.channels;
    const header = this.header;
    this.acc = this.channels.map(() => new Float64Array(header.m * header.n));
    this.shown = 0; // rank held in acc
    this.target = 0;
    this.frames = 0;
    this.canvas = root.querySelector("canvas");
    this.badge = root.querySelector(".lr-badge");
    this.caption = root.querySelector(".lr-caption");
    this.request = 0;
    this.badgeTimer = 0;
    this.image = null; // the canvas's ImageData, reused from frame to frame
    this.full = null; // heatmap of S − S_k: S itself, and the difference, once needed
    this.difference = null;
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(root);
    root.dataset.mode = header.mode;
    root.dataset.digest = header.digest; // which picture is shown (bench/latency.py waits on it)
    root.dataset.slider = header.slider; // bench/latency.py: the view has caught up when k = target
    this.slider = new SliderWatch(header.slider, (value, found) => this.follow(value, found));
  }

  // The rank the slider's value stands for.
  rankOf(value) {
    const positions = this.header.positions;
    if (!positions) return Math.round(value);
    const { start, step, ranks } = positions;
    const i = Math.min(ranks.length - 1, Math.max(0, Math.round((value - start) / step)));
    return ranks[i];
  }

  // A slider value shown: at once when it moves; quietly (no "live" badge) when the slider is
  // found.
  follow(value, quiet = false) {
    const k = Math.max(0, Math.min(this.header.rank, this.rankOf(value)));
    if (k === this.target && this.frames > 0) return;
    this.target = k;
    this.root.dataset.target = String(k); // at once: the view is behind until data-k reaches it
    if (!quiet) {
      this.root.dataset.dragging = "true";
      clearTimeout(this.badgeTimer);
      this.badgeTimer = setTimeout(() => (this.root.dataset.dragging = "false"), BADGE_HOLD_MS);
    }
    this.schedule();
  }

  schedule() {
    if (!this.request) this.request = requestAnimationFrame(() => this.frame());
  }

  // One animation frame: move acc towards the target within the budget, then draw.
  frame() {
    this.request = 0;
    const { m, n } = this.header;
    const start = performance.now();
    if (this.target < Math.abs(this.target - this.shown)) {
      this.acc.forEach((acc) => acc.fill(0)); // rebuilding from zero is cheaper
      this.shown = 0;
    }
    while (this.shown !== this.target && performance.now() - start < FRAME_BUDGET_MS) {
      const up = this.target > this.shown;
      const step = Math.min(4, Math.abs(this.target - this.shown)); // 4 layers between checks
      const from = up ? this.shown : this.shown - step;
      this.channels.forEach((ch, c) =>
        addLayers(this.acc[c], ch.a, ch.b, m, n, from, from + step, up ? 1 : -1),
      );
      this.shown += up ? step : -step;
    }
    this.draw();
    this.frames += 1;
    this.root.dataset.frames = String(this.frames);
    this.root.dataset.k = String(this.shown);
    this.root.dataset.target = String(this.target);
    this.root.dataset.ms = (performance.now() - start).toFixed(1); // this redraw's work
    if (this.shown !== this.target) this.schedule();
  }

  draw() {
    const k = String(this.shown);
    const sub = k.replace(/[0-9]/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);
    const text = (template) => template.replaceAll("{k}", k).replaceAll("{sub}", sub);
    this.badge.textContent = text(this.header.badge);
    this.caption.textContent = text(this.header.caption);
    const alts = this.header.alts?.[this.header.alt]; // the texts per k sent with the factors
    this.canvas.setAttribute("aria-label", alts?.[this.shown - 1] ?? this.caption.textContent);
    this.canvas.setAttribute("role", "img"); // a picture from its first frame, never unnamed
    if (this.header.mode === "heatmap") this.drawHeatmap();
    else this.drawPicture();
  }

  drawPicture() {
    const { m, n } = this.header;
    if (this.canvas.width !== n || this.canvas.height !== m) {
      this.canvas.width = n;
      this.canvas.height = m;
    }
    const context = this.canvas.getContext("2d");
    if (!this.image) {
      this.image = context.createImageData(n, m);
      for (let j = 3; j < this.image.data.length; j += 4) this.image.data[j] = 255; // opaque
    }
    const image = this.image;
    const out = image.data; // Uint8ClampedArray: clips to 0…255, rounds half to even like numpy
    const [r, g, b] = this.acc.length === 3 ? this.acc : [this.acc[0], this.acc[0], this.acc[0]];
    for (let i = 0, j = 0; i < m * n; i++, j += 4) {
      out[j] = r[i];
      out[j + 1] = g[i];
      out[j + 2] = b[i];
    }
    context.putImageData(image, 0, 0);
  }

  drawHeatmap() {
    const values = this.header.residual ? this.residual() : this.acc[0];
    paintHeatmap(this.canvas, this.root, values, this.header);
  }

  // S − S_k: the full-rank sum (computed once) minus the accumulator.
  residual() {
    const { m, n, rank } = this.header;
    if (!this.full) {
      this.full = new Float64Array(m * n);
      addLayers(this.full, this.channels[0].a, this.channels[0].b, m, n, 0, rank, 1);
    }
    const out = this.difference ?? (this.difference = new Float64Array(m * n));
    for (let i = 0; i < m * n; i++) out[i] = this.full[i] - this.acc[0][i];
    return out;
  }

  dispose() {
    cancelAnimationFrame(this.request);
    clearTimeout(this.badgeTimer);
    this.slider.dispose();
    this.resize.disconnect();
  }
}

// The first rank-1 layers aᵢbᵢᵀ = σᵢuᵢvᵢᵀ, one heatmap each, as many as the slider's k (at most
// one per title); each layer is summed once, when it first appears. `more` says how many layers
// of S_k are not drawn ({shown}, {more}).
class LayersView {
  constructor(root, settings, factors) {
    this.root = root;
    this.header = { ...factors.header, ...settings };
    this.channel = factors.channels[0];
    this.grid = root.querySelector(".ll-grid");
    this.grid.replaceChildren(); // another matrix's layers, drawn by the view this one replaces
    this.more = root.querySelector(".ll-more");
    this.panels = []; // {figure, canvas, values} of the layers drawn, in order
    this.k = 0;
    this.request = 0;
    this.redrawAll = false; // a resize redraws every layer; a move draws only the new ones
    this.resize = new ResizeObserver(() => this.schedule(true));
    this.resize.observe(root);
    root.dataset.digest = this.header.digest;
    this.slider = new SliderWatch(this.header.slider, (value) => this.follow(value));
  }

  follow(value) {
    const k = Math.max(1, Math.min(this.header.rank, Math.round(value)));
    if (k === this.k) return;
    this.k = k;
    this.root.dataset.target = String(k);
    this.schedule(false);
  }

  schedule(all) {
    this.redrawAll ||= all;
    if (!this.request) this.request = requestAnimationFrame(() => this.frame());
  }

  frame() {
    this.request = 0;
    const { m, n, titles, decimals } = this.header;
    const count = Math.min(this.k, titles.length);
    while (this.panels.length > count) this.panels.pop().figure.remove();
    const fresh = this.panels.length;
    while (this.panels.length < count) {
      const i = this.panels.length;
      const figure = document.createElement("figure");
      figure.className = "ll-layer";
      const canvas = document.createElement("canvas");
      canvas.className = "lr-canvas";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", titles[i]);
      const caption = document.createElement("figcaption");
      caption.className = "lr-caption";
      caption.textContent = titles[i];
      figure.append(canvas, caption);
      this.grid.append(figure);
      const values = new Float64Array(m * n);
      addLayers(values, this.channel.a, this.channel.b, m, n, i, i + 1, 1);
      this.panels.push({ figure, canvas, values });
    }
    const from = this.redrawAll ? 0 : fresh;
    this.redrawAll = false;
    this.panels.slice(from).forEach(({ figure, canvas, values }, j) =>
      paintHeatmap(canvas, figure, values, { ...this.header, decimals: decimals[from + j] }),
    );
    const hidden = this.k - count;
    this.more.textContent =
      hidden > 0
        ? this.header.more.replaceAll("{shown}", String(count)).replaceAll("{more}", String(hidden))
        : "";
    this.more.hidden = hidden <= 0;
    this.root.dataset.k = String(this.k);
  }

  dispose() {
    cancelAnimationFrame(this.request);
    this.slider.dispose();
    this.resize.disconnect();
  }
}

export default function ({ data: json, parentElement }) {
  const data = JSON.parse(json); // lowrank/ui/slider_watch.py as_json
  const root = parentElement.querySelector(".lr-root, .ll-root");
  root.dataset.view = data.view; // the page's name for it (lowrank/ui/live_rank.py)
  root.liveView?.dispose(); // Streamlit calls this again, without cleanup, when data changes
  const store = (window.__lowrankFactors ??= new Map());
  const View = data.mode === "layers" ? LayersView : LiveView;
  const start = () => (root.liveView = new View(root, data, store.get(data.digest)));
  if (store.has(data.digest)) {
    start();
  } else { // the store's bytes have not arrived yet
    const wait = (event) => event.detail === data.digest && (stop(), start());
    const stop = () => window.removeEventListener("lowrank-factors", wait);
    window.addEventListener("lowrank-factors", wait);
    root.liveView = { dispose: stop };
  }
  return () => root.liveView?.dispose();
}
