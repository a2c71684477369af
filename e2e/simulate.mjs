// One seeded generator for the browser tests' made-up cohorts (as
// `r_harness::simulate::Lcg` is for the Rust tests): the files are written
// by the test, and R reads the same files, so any fixed stream will do.

/** mulberry32: numbers in [0, 1), deterministic for a seed (exact in doubles, unlike a plain LCG). */
export function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
