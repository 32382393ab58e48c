/**
 * Deterministic randomness with random access: every row is a pure function of (seed, stream, index), so any row
 * of any table can be recomputed on demand (a claim finds its policy's customer without storing policies) and
 * memory stays constant at any scale.
 */

/** Finalizer of MurmurHash3: a good 32-bit avalanche. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split values beyond 32 bits so that large indexes stay distinct.
    const lo = part >>> 0;
    const hi = Math.floor(part / 0x100000000) >>> 0;
    h = fmix((h ^ lo) + 0x6b43a9b5);
    h = fmix((h ^ hi) + 0x27d4eb2f);
  }
  return h;
}

/** Stream names → numbers, so that call sites read `rng(plan, 'policy', i)`. */
export function streamId(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** sfc32: small, fast, good quality; seeded from a hash of (seed, stream, index). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number, stream: number, index: number) {
    this.a = hash32(seed, stream, index, 1);
    this.b = hash32(seed, stream, index, 2);
    this.c = hash32(seed, stream, index, 3);
    for (let i = 0; i < 8; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Index drawn with the given (unnormalised) weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    return entries[this.weightedIndex(entries.map((e) => e[1]))]![0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A random (version 4, variant 1) UUID, deterministic like everything else here. */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const w = [this.int(2 ** 32), this.int(2 ** 32), this.int(2 ** 32), this.int(2 ** 32)].map(hex).join('');
    const variant = ((parseInt(w[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${w.slice(0, 8)}-${w.slice(8, 12)}-4${w.slice(13, 16)}-${variant}${w.slice(17, 20)}-${w.slice(20, 32)}`;
  }
}

/** A bijection of [0, modulus) for modulus = 10^k: distinct inputs give distinct outputs (unique documents, phones). */
export function scramble(index: number, key: number, modulus: number): number {
  // 48271 is prime and coprime with 10^k, so multiplication by it permutes the residues (exact below 2^53).
  return (index * 48271 + key) % modulus;
}
