// Approximate string matching with Myers' bit-parallel algorithm, from approx-string-match 2.0.0
// (https://github.com/robertknight/approx-string-match-js, MIT licence, © 2020 Robert Knight; the
// notice is at the end of this file). Hypothesis anchors quotes with it.
//
// Why a copy and not the package: the package's `search()` computes the start of every match
// that has the fewest errors, by a reverse search of its own per match. In a repetitive text
// ("aaaa…" against "aaab") every position is such a match, so one call costs
// O(n · m · ⌈m/32⌉) — the event-loop freeze of issue #14. Here the two halves are separate: the
// caller finds the ends (one pass, counted), picks a bounded number of them, and asks for the
// starts of those only. The algorithm itself is unchanged.
//
// Cost: `findMatchEnds` does at most n · ⌈m/32⌉ block steps (one per text character and active
// 32-character block of the pattern); `findMatchStart` at most (m + errors) · ⌈m/32⌉. Every
// call reports its block steps so that tests can prove the bounds without timing anything.

export type MatchEnd = { end: number; errors: number };
export type Match = { start: number; end: number; errors: number };

const WORD = 32;

/** Work done by the calls made with this meter: block steps of Myers' algorithm. */
export type WorkMeter = { blockSteps: number };

type BlockContext = { P: Uint32Array; M: Uint32Array; lastRowMask: Uint32Array };

function oneIfNotZero(n: number): number {
  return ((n | -n) >> 31) & 1;
}

/** Block calculation step (Myers, Fig. 8; branch-free as in Šošić 2014, §4.2.3). */
function advanceBlock(ctx: BlockContext, peq: Uint32Array, b: number, hIn: number): number {
  let pV = ctx.P[b]!;
  let mV = ctx.M[b]!;
  const hInIsNegative = hIn >>> 31;
  const eq = peq[b]! | hInIsNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = oneIfNotZero(pH & ctx.lastRowMask[b]!) - oneIfNotZero(mH & ctx.lastRowMask[b]!);
  pH <<= 1;
  mH <<= 1;
  mH |= hInIsNegative;
  pH |= oneIfNotZero(hIn) - hInIsNegative;
  pV = mH | ~(xV | pH);
  mV = pH & xV;
  ctx.P[b] = pV;
  ctx.M[b] = mV;
  return hOut;
}

/**
 * The ends and error counts of the approximate matches of `pattern` in `text` that have the
 * fewest errors (at most `maxErrors`). Block-based search, Myers Fig. 9.
 */
export function findMatchEnds(text: string, pattern: string, maxErrors: number, meter?: WorkMeter): MatchEnd[] {
  if (pattern.length === 0) return [];
  maxErrors = Math.min(maxErrors, pattern.length);
  const matches: MatchEnd[] = [];
  const bMax = Math.ceil(pattern.length / WORD) - 1;
  const ctx: BlockContext = { P: new Uint32Array(bMax + 1), M: new Uint32Array(bMax + 1), lastRowMask: new Uint32Array(bMax + 1) };
  ctx.lastRowMask.fill(1 << 31);
  ctx.lastRowMask[bMax] = 1 << ((pattern.length - 1) % WORD);
  const emptyPeq = new Uint32Array(bMax + 1);
  const peq = new Map<number, Uint32Array>();
  const asciiPeq: Uint32Array[] = [];
  for (let i = 0; i < 256; i++) asciiPeq.push(emptyPeq);
  for (let c = 0; c < pattern.length; c += 1) {
    const val = pattern.charCodeAt(c);
    if (peq.has(val)) continue;
    const charPeq = new Uint32Array(bMax + 1);
    peq.set(val, charPeq);
    if (val < asciiPeq.length) asciiPeq[val] = charPeq;
    for (let b = 0; b <= bMax; b += 1) {
      charPeq[b] = 0;
      for (let r = 0; r < WORD; r += 1) {
        const idx = b * WORD + r;
        if (idx >= pattern.length) continue;
        if (pattern.charCodeAt(idx) === val) charPeq[b]! |= 1 << r;
      }
    }
  }
  let y = Math.max(0, Math.ceil(maxErrors / WORD) - 1);
  const score = new Uint32Array(bMax + 1);
  for (let b = 0; b <= y; b += 1) score[b] = (b + 1) * WORD;
  score[bMax] = pattern.length;
  for (let b = 0; b <= y; b += 1) {
    ctx.P[b] = ~0;
    ctx.M[b] = 0;
  }
  let steps = 0;
  for (let j = 0; j < text.length; j += 1) {
    const charCode = text.charCodeAt(j);
    const charPeq = charCode < asciiPeq.length ? asciiPeq[charCode]! : (peq.get(charCode) ?? emptyPeq);
    let carry = 0;
    for (let b = 0; b <= y; b += 1) {
      carry = advanceBlock(ctx, charPeq, b, carry);
      score[b]! += carry;
    }
    steps += y + 1;
    if (score[y]! - carry <= maxErrors && y < bMax && (charPeq[y + 1]! & 1 || carry < 0)) {
      y += 1;
      ctx.P[y] = ~0;
      ctx.M[y] = 0;
      let maxBlockScore: number;
      if (y === bMax) {
        const remainder = pattern.length % WORD;
        maxBlockScore = remainder === 0 ? WORD : remainder;
      } else {
        maxBlockScore = WORD;
      }
      score[y] = score[y - 1]! + maxBlockScore - carry + advanceBlock(ctx, charPeq, y, carry);
      steps += 1;
    } else {
      while (y > 0 && score[y]! >= maxErrors + WORD) y -= 1;
    }
    if (y === bMax && score[y]! <= maxErrors) {
      if (score[y]! < maxErrors) matches.length = 0;
      matches.push({ end: j + 1, errors: score[y]! });
      maxErrors = score[y]!;
    }
  }
  if (meter) meter.blockSteps += steps;
  return matches;
}

/**
 * The start of one approximate match found by findMatchEnds: a reverse search of the reversed
 * pattern in the text just before `end`, with the same error count; of several possible starts,
 * the one that makes the match longest.
 */
export function findMatchStart(text: string, pattern: string, match: MatchEnd, meter?: WorkMeter): Match {
  const minStart = Math.max(0, match.end - pattern.length - match.errors);
  const textRev = reverse(text.slice(minStart, match.end));
  let start = match.end;
  for (const reversed of findMatchEnds(textRev, reverse(pattern), match.errors, meter)) {
    start = Math.min(start, match.end - reversed.end);
  }
  return { start, end: match.end, errors: match.errors };
}

function reverse(s: string): string {
  return s.split("").reverse().join("");
}

// approx-string-match's licence:
//
// MIT License
//
// Copyright (c) 2020 Robert Knight
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.
