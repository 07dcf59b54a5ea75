/**
 * Whole numbers with thousands separators, as English writes them ("12,345"). Not toLocaleString:
 * its first call in a content script's world sets up ICU's number formatting, which took 17 ms of
 * the reader's opening in Chromium (scripts/bench/reader-profile.ts), to write a comma.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(?:\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}
