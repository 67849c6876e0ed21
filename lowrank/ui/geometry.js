// The /geometry view: the unit circle, its image under S = UΣVᵀ, and the steps Vᵀ, Σ, U.
//
// The student drags the images of e₁ and e₂ (S's columns); while the pointer moves, this file
// computes the 2×2 SVD itself (svd2, closed form, the same sign convention as lowrank/geometry.py:
// V a rotation with v₁ in the right half-plane, U a reflection exactly when det S < 0) and redraws
// at once. On release it sends the matrix back (setStateValue("matrix")) and the page shows the
// server's numbers. The step-through animation runs on t ∈ [0, 3] exactly as
// lowrank/geometry.py's stage_matrix. The pure maths (svd2, factors, stageMatrix, eigen2, num)
// are in geometry_maths.js, which comes first in the same module. Labels come in the page's
// language in `data.labels`.

const MAX_ENTRY = 10; // lowrank/geometry.py MAX_ENTRY
const PLAY_SECONDS = 6; // the whole animation, t from 0 to 3
const HIT_PX = 28; // how close a pointer must come to a handle to grab it

class GeometryView {
  constructor(root, data, setStateValue) {
    this.root = root;
    this.setStateValue = setStateValue;
    this.canvas = root.querySelector("canvas");
    this.context = this.canvas.getContext("2d");
    this.scrubber = root.querySelector(".geo-t");
    this.playButton = root.querySelector(".geo-play");
    this.stepText = root.querySelector(".geo-step");
    this.numbers = root.querySelector(".geo-numbers");
    this.t = 3;
    this.playing = false;
    this.drag = null; // {column, extent} while a handle is dragged
    this.frames = 0;
    this.request = 0;
    this.sent = 0;
    this.bind();
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(root);
    this.update(data);
  }

  update(data) {
    this.data = data;
    this.labels = data.labels;
    if (!this.drag) this.setMatrix(data.matrix);
    this.rank = data.rank;
    this.root.querySelector(".geo-back").textContent = this.labels.back;
    this.root.querySelector(".geo-next").textContent = this.labels.next;
    this.root.querySelector(".geo-png").textContent = this.labels.download;
    this.root.querySelector(".geo-t-label").textContent = this.labels.scrubber;
    this.root.querySelector(".geo-hint").textContent = this.labels.hint;
    this.root.querySelector(".geo-legend").textContent = this.labels.legend;
    this.showPlay();
    this.schedule();
  }

  setMatrix(m) {
    this.m = m.slice();
    this.g = svd2(...this.m);
  }

  bind() {
    const on = (selector, event, handler) =>
      this.root.querySelector(selector).addEventListener(event, handler);
    on(".geo-play", "click", () => (this.playing ? this.pause() : this.play()));
    on(".geo-back", "click", () => this.step(-1));
    on(".geo-next", "click", () => this.step(1));
    on(".geo-png", "click", () => this.download());
    this.scrubber.addEventListener("input", () => {
      this.pause();
      this.t = Number(this.scrubber.value);
      this.schedule();
    });
    this.canvas.addEventListener("pointerdown", (event) => this.grab(event));
    this.canvas.addEventListener("pointermove", (event) => this.move(event));
    this.canvas.addEventListener("pointerup", (event) => this.release(event));
    this.canvas.addEventListener("pointercancel", (event) => this.release(event));
  }

  // --- the animation ---------------------------------------------------------------------------
  play() {
    if (this.t >= 3) this.t = 0;
    this.playing = true;
    this.last = performance.now();
    this.showPlay();
    this.schedule();
  }

  pause() {
    this.playing = false;
    this.showPlay();
  }

  showPlay() {
    this.playButton.textContent = this.playing ? this.labels.pause : this.labels.play;
    this.playButton.setAttribute("aria-pressed", String(this.playing));
  }

  step(direction) {
    this.pause();
    const t = direction > 0 ? Math.floor(this.t + 1e-9) + 1 : Math.ceil(this.t - 1e-9) - 1;
    this.t = Math.min(3, Math.max(0, t));
    this.schedule();
  }

  // --- dragging S's columns --------------------------------------------------------------------
  toWorld(event) {
    const box = this.canvas.getBoundingClientRect();
    const { cx, cy, unit } = this.view;
    return [(event.clientX - box.left - cx) / unit, -(event.clientY - box.top - cy) / unit];
  }

  grab(event) {
    if (!this.view) return; // not drawn yet
    const [x, y] = this.toWorld(event);
    const columns = [
      [this.m[0], this.m[2]],
      [this.m[1], this.m[3]],
    ];
    const distance = columns.map(([cx, cy]) => Math.hypot(cx - x, cy - y) * this.view.unit);
    const column = distance[0] <= distance[1] ? 0 : 1;
    if (distance[column] > HIT_PX) return;
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    this.pause();
    this.t = 3;
    this.drag = { column, extent: this.view.extent, started: performance.now(), frames: 0, work: 0 };
    this.root.dataset.dragging = "true";
  }

  move(event) {
    if (!this.drag) return;
    const clamp = (v) => Math.min(MAX_ENTRY, Math.max(-MAX_ENTRY, v));
    const [x, y] = this.toWorld(event).map(clamp);
    const m = this.m.slice();
    m[this.drag.column] = x; // column j is (m[j], m[j + 2])
    m[this.drag.column + 2] = y;
    this.setMatrix(m);
    this.schedule();
  }

  release() {
    if (!this.drag) return;
    const seconds = (performance.now() - this.drag.started) / 1000;
    // frames drawn per second of dragging, and the mean time one frame's drawing took (ms)
    this.root.dataset.dragFps = (this.drag.frames / Math.max(seconds, 1e-3)).toFixed(1);
    this.root.dataset.frameMs = (this.drag.work / Math.max(this.drag.frames, 1)).toFixed(2);
    this.drag = null;
    this.root.dataset.dragging = "false";
    this.setMatrix(this.m.map((v) => Math.round(v * 100) / 100));
    this.sent += 1;
    this.root.dataset.sent = String(this.sent);
    this.setStateValue("matrix", { entries: this.m, sent: this.sent });
    this.schedule();
  }

  // --- drawing ---------------------------------------------------------------------------------
  schedule() {
    if (!this.request) this.request = requestAnimationFrame((now) => this.frame(now));
  }

  frame(now) {
    this.request = 0;
    if (this.playing) {
      this.t = Math.min(3, this.t + ((now - this.last) / 1000) * (3 / PLAY_SECONDS));
      this.last = now;
      if (this.t >= 3) this.pause();
      else this.schedule();
    }
    const start = performance.now();
    this.draw();
    this.text();
    this.frames += 1;
    if (this.drag) {
      this.drag.frames += 1;
      this.drag.work += performance.now() - start;
    }
    this.root.dataset.frames = String(this.frames);
  }

  layout() {
    const width = Math.max(200, Math.min(this.canvas.parentElement.clientWidth, 560));
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(width * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${width}px`;
    }
    const reach = Math.max(
      1,
      this.g.s[0],
      Math.hypot(this.m[0], this.m[2]),
      Math.hypot(this.m[1], this.m[3]),
    );
    const extent = this.drag ? Math.max(this.drag.extent, reach * 1.1) : reach * 1.25;
    this.view = { cx: width / 2, cy: width / 2, unit: width / 2 / extent, extent, width, ratio };
  }

  draw() {
    this.layout();
    const ctx = this.context;
    const { cx, cy, unit, width, ratio, extent } = this.view;
    const P = (x, y) => [cx + x * unit, cy - y * unit];
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, width);
    ctx.strokeStyle = "#e3e6ec";
    ctx.lineWidth = 1;
    const step = extent > 6 ? 2 : 1;
    for (let k = -Math.floor(extent); k <= extent; k += step) {
      ctx.beginPath();
      ctx.moveTo(...P(k, -extent));
      ctx.lineTo(...P(k, extent));
      ctx.moveTo(...P(-extent, k));
      ctx.lineTo(...P(extent, k));
      ctx.stroke();
    }
    ctx.strokeStyle = "#9aa1ad";
    ctx.beginPath();
    ctx.moveTo(...P(-extent, 0));
    ctx.lineTo(...P(extent, 0));
    ctx.moveTo(...P(0, -extent));
    ctx.lineTo(...P(0, extent));
    ctx.stroke();
    // the unit circle, for reference
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = "#6b7280";
    ctx.beginPath();
    ctx.arc(cx, cy, unit, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
    // eigenvector lines (real ones only)
    const e = eigen2(...this.m, this.g.s[0]);
    if (e.real && e.directions) {
      ctx.strokeStyle = "#b45309";
      ctx.setLineDash([2, 5]);
      ctx.lineWidth = 2;
      for (const [x, y] of e.directions) {
        ctx.beginPath();
        ctx.moveTo(...P(-x * extent * 2, -y * extent * 2));
        ctx.lineTo(...P(x * extent * 2, y * extent * 2));
        ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    // the circle's image at t, with a marked point to show orientation (a flip reverses it)
    const a = stageMatrix(this.g, this.t, this.rank);
    const at = (x, y) => [a[0] * x + a[1] * y, a[2] * x + a[3] * y];
    ctx.beginPath();
    for (let i = 0; i <= 120; i++) {
      const angle = (2 * Math.PI * i) / 120;
      const [x, y] = at(Math.cos(angle), Math.sin(angle));
      if (i === 0) ctx.moveTo(...P(x, y));
      else ctx.lineTo(...P(x, y));
    }
    ctx.fillStyle = "rgba(37, 99, 235, 0.14)";
    ctx.fill();
    ctx.strokeStyle = "#2563eb";
    ctx.lineWidth = 2.5;
    ctx.stroke();
    // v₁, v₂ carried along: at t = 3 they are σ₁u₁ and σ₂u₂, the semi-axes
    const v = [
      [Math.cos(this.g.vAngle), Math.sin(this.g.vAngle)],
      [-Math.sin(this.g.vAngle), Math.cos(this.g.vAngle)],
    ];
    const names = this.t >= 3 ? ["σ₁u₁", "σ₂u₂"] : this.t <= 0 ? ["v₁", "v₂"] : ["", ""];
    const colours = ["#dc2626", "#7c3aed"];
    v.forEach(([x, y], i) => this.arrow(P, at(x, y), colours[i], names[i]));
    // S's columns, the draggable handles (their places in CSS px of the canvas, for tests)
    this.root.dataset.handles = JSON.stringify(
      [0, 1].map((j) => P(this.m[j], this.m[j + 2]).map((v) => Math.round(v * 10) / 10)),
    );
    for (let j = 0; j < 2; j++) {
      const [x, y] = P(this.m[j], this.m[j + 2]);
      ctx.beginPath();
      ctx.arc(x, y, this.drag && this.drag.column === j ? 10 : 8, 0, 2 * Math.PI);
      ctx.fillStyle = "#111827";
      ctx.fill();
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 2;
      ctx.stroke();
      // the label sits outward, away from the origin, so it does not cover the arrows
      const [ox, oy] = P(0, 0);
      const away = Math.hypot(x - ox, y - oy) || 1;
      ctx.fillStyle = "#111827";
      ctx.font = "600 14px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(j === 0 ? "Se₁" : "Se₂", x + (22 * (x - ox)) / away, y + (22 * (y - oy)) / away);
      ctx.textAlign = "start";
      ctx.textBaseline = "alphabetic";
    }
  }

  arrow(P, [x, y], colour, name) {
    const ctx = this.context;
    const [x0, y0] = P(0, 0);
    const [x1, y1] = P(x, y);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length > 8) {
      const ux = (x1 - x0) / length;
      const uy = (y1 - y0) / length;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - 10 * ux - 5 * uy, y1 - 10 * uy + 5 * ux);
      ctx.lineTo(x1 - 10 * ux + 5 * uy, y1 - 10 * uy - 5 * ux);
      ctx.fill();
    }
    if (name && length > 8) {  // beside the arrow's middle, on its clockwise side
      const ux = (x1 - x0) / length;
      const uy = (y1 - y0) / length;
      ctx.font = "600 15px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(name, (x0 + x1) / 2 - 16 * uy, (y0 + y1) / 2 + 16 * ux);
      ctx.textAlign = "start";
      ctx.textBaseline = "alphabetic";
    }
  }

  text() {
    const L = this.labels;
    const g = this.g;
    const stage = this.t >= 3 ? 3 : Math.floor(this.t);
    const values = {
      v: num(degrees(-g.vAngle)),
      s1: num(g.s[0]),
      s2: num(this.rank === 2 ? g.s[1] : 0),
      u: num(degrees(g.uAngle)),
      mirror: num(degrees(g.uAngle) / 2),
    };
    let key = stage === 2 && g.reflection ? "stage2_reflection" : `stage${stage}`;
    if (stage === 3 && this.rank === 1) key = "stage3_rank1";
    this.stepText.textContent = fill(L[key], values);
    this.scrubber.value = String(this.t);
    this.scrubber.setAttribute("aria-valuetext", this.stepText.textContent);
    const rows = [
      [L.matrix, `[[${num(this.m[0])}, ${num(this.m[1])}], [${num(this.m[2])}, ${num(this.m[3])}]]`],
      ["σ₁", num(g.s[0])],
      ["σ₂", num(g.s[1])],
      ["det S", num(g.det)],
      [L.area, num(g.s[0] * g.s[1])],
      [L.energy, num(g.s[0] ** 2 + g.s[1] ** 2)],
    ];
    if (this.numbers.children.length !== 2 * rows.length) {
      this.numbers.replaceChildren(
        ...rows.flatMap(() => [document.createElement("dt"), document.createElement("dd")]),
      );
    }
    rows.forEach(([name, value], i) => {
      this.numbers.children[2 * i].textContent = name;
      this.numbers.children[2 * i + 1].textContent = value;
    });
    this.canvas.setAttribute(
      "aria-label",
      fill(L.alt, { s1: values.s1, s2: values.s2, det: num(g.det) }),
    );
  }

  download() {
    this.canvas.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `geometry_${this.m.map((v) => num(v).replace("−", "-")).join("_")}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    }, "image/png");
  }

  dispose() {
    cancelAnimationFrame(this.request);
    this.resize.disconnect();
  }
}

export default function ({ data, parentElement, setStateValue }) {
  const root = parentElement.querySelector(".geo-root");
  const settings = JSON.parse(data);
  if (root.geometryView) root.geometryView.update(settings);
  else root.geometryView = new GeometryView(root, settings, setStateValue);
  root.geometryView.setStateValue = setStateValue;
  return () => {
    root.geometryView?.dispose();
    delete root.geometryView;
  };
}
