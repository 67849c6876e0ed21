// The maths of /geometry's view (geometry.js), pure functions: the 2×2 SVD in closed form with
// lowrank/geometry.py's sign convention (V a rotation with v₁ in the right half-plane, U a
// reflection exactly when det S < 0 and σ₂ > 0), the map applied at t ∈ [0, 3] of the animation
// (lowrank/geometry.stage_matrix), the real eigenvector directions and the numbers as the page
// writes them. lowrank/ui/geometry.py puts this file before geometry.js in the component's one
// module; tests/unit/test_geometry.py runs it under node against numpy and the core.

const EPS = 2.220446049250313e-16;

// Rotation by θ (radians) as [m11, m12, m21, m22].
function rot(theta) {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [c, -s, s, c];
}

function mul(p, q) {
  return [
    p[0] * q[0] + p[1] * q[2],
    p[0] * q[1] + p[1] * q[3],
    p[2] * q[0] + p[3] * q[2],
    p[2] * q[1] + p[3] * q[3],
  ];
}

// The SVD of S = [[a, b], [c, d]] in closed form: σ₁ ≥ σ₂ ≥ 0, V = R(vAngle), U = R(uAngle) or
// R(uAngle)·diag(1, −1) when `reflection` (angles in radians, those of v₁ and u₁).
export function svd2(a, b, c, d) {
  const p = a * a + c * c; // SᵀS = [[p, q], [q, r]]
  const q = a * b + c * d;
  const r = b * b + d * d;
  const mean = (p + r) / 2;
  const h = Math.hypot((p - r) / 2, q);
  const s1 = Math.sqrt(mean + h);
  const det = a * d - b * c;
  const s2 = s1 > 0 ? Math.min(s1, Math.abs(det) / s1) : 0;
  let vAngle = 0;
  if (s1 - s2 > 1e-12 * s1) {
    vAngle = Math.atan2(2 * q, p - r) / 2; // in [−π/2, π/2]
    if (vAngle <= -Math.PI / 2) vAngle += Math.PI;
  }
  const v1 = [Math.cos(vAngle), Math.sin(vAngle)];
  let u1 = [1, 0];
  if (s1 > 0) {
    u1 = [(a * v1[0] + b * v1[1]) / s1, (c * v1[0] + d * v1[1]) / s1];
    const n = Math.hypot(u1[0], u1[1]);
    u1 = [u1[0] / n, u1[1] / n];
  }
  const reflection = det < 0 && s2 > 2 * EPS * s1;
  return { s: [s1, s2], vAngle, uAngle: Math.atan2(u1[1], u1[0]), reflection, det };
}

// U, Σ and Vᵀ as [m11, m12, m21, m22] arrays.
export function factors(g) {
  const flip = g.reflection ? [1, 0, 0, -1] : [1, 0, 0, 1];
  return {
    u: mul(rot(g.uAngle), flip),
    sigma: [g.s[0], 0, 0, g.s[1]],
    vt: rot(-g.vAngle),
  };
}

// The map applied at t ∈ [0, 3]: Vᵀ on [0, 1], Σ on [1, 2], U on [2, 3] (a reflection: first
// the flip of the y axis, through a segment, then the rotation). lowrank/geometry.stage_matrix.
export function stageMatrix(g, t, rank = 2) {
  t = Math.min(Math.max(t, 0), 3);
  if (t <= 1) return rot(-t * g.vAngle);
  const sigma = [g.s[0], rank === 2 ? g.s[1] : 0];
  const vt = rot(-g.vAngle);
  if (t <= 2) {
    const w = t - 1;
    return mul([1 + w * (sigma[0] - 1), 0, 0, 1 + w * (sigma[1] - 1)], vt);
  }
  const stretched = mul([sigma[0], 0, 0, sigma[1]], vt);
  const w = t - 2;
  if (!g.reflection) return mul(rot(w * g.uAngle), stretched);
  if (w <= 0.5) return mul([1, 0, 0, 1 - 4 * w], stretched);
  return mul(mul(rot((2 * w - 1) * g.uAngle), [1, 0, 0, -1]), stretched);
}

// Real eigenvector directions of S (unit vectors), or null for every direction (S = λI), or []
// when the eigenvalues are complex.
export function eigen2(a, b, c, d, scale) {
  const tr = a + d;
  const disc = (a - d) * (a - d) + 4 * b * c; // tr² − 4 det without its cancellation
  const big = Math.max(scale, 1e-300);
  if (disc < -1e-12 * big * big) return { real: false, values: [], directions: [] };
  const root = Math.sqrt(Math.max(disc, 0)) / 2;
  const values = [tr / 2 + root, tr / 2 - root].sort((x, y) => Math.abs(y) - Math.abs(x));
  const direction = (lam) => {
    const rows = [
      [a - lam, b],
      [c, d - lam],
    ];
    const [x, y] = Math.hypot(...rows[0]) >= Math.hypot(...rows[1]) ? rows[0] : rows[1];
    const n = Math.hypot(x, y);
    return n > 1e-9 * big ? [-y / n, x / n] : null;
  };
  const first = direction(values[0]);
  if (!first) return { real: true, values, directions: null };
  if (Math.abs(values[0] - values[1]) <= 1e-9 * big) return { real: true, values, directions: [first] };
  return { real: true, values, directions: [first, direction(values[1])] };
}

// A number as the page writes it (lowrank/formatting.number: 4 significant digits, "−").
export function num(x, digits = 4) {
  if (!Number.isFinite(x)) return String(x);
  let v = Math.abs(x) < 1e-12 ? 0 : x;
  let text = Number(v.toPrecision(digits)).toString();
  if (text.includes("e")) text = v.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return text.replace(/-/g, "−");
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : `{${name}}`));
}

const degrees = (radians) => (radians * 180) / Math.PI;
