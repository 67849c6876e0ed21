// The store of packed factors for the live rank views (lowrank/ui/live_rank.py).
//
// Mounted outside the page's fragments, so its bytes (lowrank/packing.py: a = √σ·u, b = √σ·v per
// channel, quantised) travel once per picture and are not serialised again on every slider
// move. It decodes them and keeps the few latest in window.__lowrankFactors by content digest;
// the views (live_rank.js) take them from there.

const STORE_SIZE = 4; // decoded factors kept per tab (the 600×512 colour photograph: 6.8 MB)

function decode(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (String.fromCharCode(u8[0], u8[1], u8[2], u8[3]) !== "LRK1") {
    throw new Error("live rank: not a packed-factors blob");
  }
  const length = new DataView(u8.buffer, u8.byteOffset, 8).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(u8.subarray(8, 8 + length)));
  const kinds = { float32: Float32Array, int16: Int16Array, int8: Int8Array };
  const Kind = kinds[header.dtype];
  let offset = 8 + length;
  const take = (count, Type) => {
    const size = count * Type.BYTES_PER_ELEMENT;
    const out = new Type(u8.slice(offset, offset + size).buffer); // copy: aligned
    offset += size;
    return out;
  };
  const { m, n, rank: p } = header;
  const scaled = (values, scales, length) => {
    const out = new Float32Array(values.length);
    for (let i = 0; i < p; i++) {
      const s = scales ? scales[i] : 1;
      for (let j = i * length; j < (i + 1) * length; j++) out[j] = values[j] * s;
    }
    return out;
  };
  const channels = [];
  for (let c = 0; c < header.channels; c++) {
    const a = take(p * m, Kind);
    const b = take(p * n, Kind);
    const quantised = Kind !== Float32Array;
    const sa = quantised ? take(p, Float32Array) : null;
    const sb = quantised ? take(p, Float32Array) : null;
    channels.push({ a: scaled(a, sa, m), b: scaled(b, sb, n) });
  }
  return { header, channels };
}

export default function ({ data }) {
  const factors = decode(data);
  const store = (window.__lowrankFactors ??= new Map());
  const { digest } = factors.header;
  store.delete(digest);
  store.set(digest, factors);
  while (store.size > STORE_SIZE) store.delete(store.keys().next().value);
  window.dispatchEvent(new CustomEvent("lowrank-factors", { detail: digest }));
}
