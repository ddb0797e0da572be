// The label colors (www/labels.js) stay apart for every reader: every pair
// of labels, and every label and the page's background, differ by at least
// MIN_DIFFERENCE (CIEDE2000) in normal vision and as simulated for
// protanopia, deuteranopia and tritanopia (Machado, Oliveira and Fernandes
// 2009, tests/e2e/color.mjs); the text on every mark is readable on its
// color. The first tests are pure data (no browser); the last checks in the
// page, in the light and the dark scheme, that the colors and the text
// colors the first ones assume are the ones the page draws.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS } from '../../www/labels.js';
import {
  parseHex, parseRgb, toHex, simulate, contrast, over, lab, deltaE2000, difference, VISIONS, MACHADO_2009,
} from './color.mjs';
import { open, paste, seed, closeChecked } from './helpers.mjs';

/**
 * The least CIEDE2000 difference between two label colors, or a label color
 * and the page, under every vision. 1 is about a just-noticeable difference
 * for two large patches side by side; marks are word-sized and seen apart
 * (a PERSON line above a MISC one), and the difference needed to tell small
 * patches apart grows as they shrink (Szafir 2018, "Modeling Color
 * Difference for Visualization Design"; Stone, Szafir and Setlur 2014) to
 * several units. 10 asks for a difference seen at a glance, not one found
 * by comparing: it is what dichromats see between the light pastels the mark
 * text needs at best (an 11-color search under the contrast bars below
 * reached 11.8), and the label's name is written on every mark besides.
 */
const MIN_DIFFERENCE = 10;
/** WCAG 2 contrast of the mark's text on its color: AAA for body text (7:1). */
const MIN_TEXT_CONTRAST = 7;
/** The label's name after the text (small, bold, 75% opaque): AA (4.5:1). */
const MIN_LABEL_CONTRAST = 4.5;
/** A mark against the dark page: WCAG 1.4.11's 3:1 for parts of the interface. */
const MIN_DARK_PAGE_CONTRAST = 3;

// What style.css draws, checked against the page in the last test.
const PAGE = { light: [255, 255, 255], dark: parseHex('#17181a') };
const MARK_TEXT = parseHex('#111111');
const LABEL_OPACITY = 0.75;

const colors = LABELS.map((l) => ({ label: l.label, rgb: parseHex(l.color) }));

/** The smallest difference of each kind, under `vision`: [{a, b, de}] sorted. */
function differences(palette, vision) {
  const out = [];
  for (let i = 0; i < palette.length; i++) {
    for (let j = i + 1; j < palette.length; j++) {
      out.push({ a: palette[i].label, b: palette[j].label, de: difference(palette[i].rgb, palette[j].rgb, vision) });
    }
    out.push({ a: palette[i].label, b: 'light page', de: difference(palette[i].rgb, PAGE.light, vision) });
  }
  return out.sort((x, y) => x.de - y.de);
}

test('CIEDE2000 gives the published values (Sharma, Wu and Dalal 2005, table 1)', () => {
  // [L1, a1, b1], [L2, a2, b2], ΔE00: pairs 1, 2, 7, 17-20 and 25 of the paper's test data.
  const pairs = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [61, -5, 29], 22.8977],
    [[50, 2.5, 0], [56, -27, -3], 31.903],
    [[50, 2.5, 0], [58, 24, 15], 19.4535],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ];
  for (const [x, y, want] of pairs) {
    const got = deltaE2000(x, y);
    assert.ok(Math.abs(got - want) < 1e-4, `ΔE00(${x}, ${y}) = ${got}, want ${want}`);
    assert.ok(Math.abs(deltaE2000(y, x) - want) < 1e-4, 'symmetric');
  }
  // sRGB white is L* 100, a* = b* = 0 (D65).
  const [L, a, b] = lab([255, 255, 255]);
  assert.ok(Math.abs(L - 100) < 1e-3 && Math.abs(a) < 1e-2 && Math.abs(b) < 1e-2, `${L} ${a} ${b}`);
});

test('the simulations keep grays gray and confuse what dichromats confuse', () => {
  for (const [name, m] of Object.entries(MACHADO_2009)) {
    for (const row of m) assert.ok(Math.abs(row[0] + row[1] + row[2] - 1) < 1e-3, `${name}: a row sums to 1`);
    for (const g of [0, 64, 128, 255]) {
      const seen = simulate([g, g, g], name);
      assert.ok(seen.every((v) => Math.abs(v - g) < 1), `${name}: gray ${g} seen as ${seen}`);
    }
  }
  // Red and olive: far apart in normal vision, near for the red-green
  // dichromats, still apart for tritanopes; blue and green the other way round.
  const red = parseHex('#d62728');
  const green = parseHex('#7f7f00');
  assert.ok(difference(red, green) > 30);
  assert.ok(difference(red, green, 'deuteranopia') < difference(red, green) / 2, 'deuteranopia confuses red and olive');
  assert.ok(difference(red, green, 'protanopia') < difference(red, green) / 2, 'protanopia confuses red and olive');
  assert.ok(difference(red, green, 'tritanopia') > 20);
  const blue = parseHex('#1f77b4');
  const leaf = parseHex('#2ca02c');
  assert.ok(difference(blue, leaf, 'tritanopia') < difference(blue, leaf) / 3, 'tritanopia confuses blue and green');
  for (const v of ['protanopia', 'deuteranopia']) assert.ok(difference(blue, leaf, v) > 40, `${v} tells blue from green`);
});

test('the colors before issue 14 fail the check (PERSON/MISC, DATE/TIME, MONEY/CARDINAL as the issue says)', () => {
  // displaCy's colors, which the page used before: the check must catch them.
  const before = [
    ['PERSON', '#aa9cfc'], ['ORG', '#7aecec'], ['LOC', '#feca74'], ['MISC', '#c887fb'], ['DATE', '#bfe1d9'],
    ['TIME', '#9cc9cc'], ['MONEY', '#e4e7d2'], ['PERCENT', '#ffeb80'], ['QUANTITY', '#bfeeb7'], ['CARDINAL', '#ddd6c1'],
    ['ORDINAL', '#f0d0ff'],
  ].map(([label, hex]) => ({ label, rgb: parseHex(hex) }));
  const pair = (a, b, vision) => differences(before, vision).find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a)).de;
  for (const [a, b] of [['PERSON', 'MISC'], ['DATE', 'TIME'], ['MONEY', 'CARDINAL']]) {
    const worst = Math.min(...VISIONS.map((v) => pair(a, b, v)));
    assert.ok(worst < MIN_DIFFERENCE, `${a}/${b} ${worst.toFixed(1)}`);
  }
});

test(`every pair of labels, and every label and the page, differ by ΔE00 >= ${MIN_DIFFERENCE} in every vision`, () => {
  assert.equal(new Set(LABELS.map((l) => l.color)).size, LABELS.length, 'one color per label');
  const failures = [];
  for (const vision of VISIONS) {
    const ds = differences(colors, vision);
    console.log(`${vision}: closest ${ds.slice(0, 3).map((d) => `${d.a}/${d.b} ${d.de.toFixed(1)}`).join(', ')}`);
    for (const d of ds) if (d.de < MIN_DIFFERENCE) failures.push(`${vision}: ${d.a}/${d.b} ΔE00 ${d.de.toFixed(2)}`);
  }
  assert.deepEqual(failures, []);
});

test(`the text on every mark is readable: ${MIN_TEXT_CONTRAST}:1, its label's name ${MIN_LABEL_CONTRAST}:1, the mark ${MIN_DARK_PAGE_CONTRAST}:1 on the dark page`, () => {
  const failures = [];
  for (const { label, rgb } of colors) {
    // The mark's color is the same in both schemes (style.css), and so is its text.
    const text = contrast(MARK_TEXT, rgb);
    const name = contrast(over(MARK_TEXT, LABEL_OPACITY, rgb), rgb);
    const dark = contrast(rgb, PAGE.dark);
    if (text < MIN_TEXT_CONTRAST) failures.push(`${label}: text ${text.toFixed(2)}`);
    if (name < MIN_LABEL_CONTRAST) failures.push(`${label}: label name ${name.toFixed(2)}`);
    if (dark < MIN_DARK_PAGE_CONTRAST) failures.push(`${label}: on the dark page ${dark.toFixed(2)}`);
  }
  assert.deepEqual(failures, []);
});

let app;
after(() => closeChecked(app));

test('the page draws those colors, with the label on every mark, in the light and the dark scheme', async () => {
  app = await open();
  const { page } = app;
  await paste(page, seed('000_'));
  const byLabel = new Map(LABELS.map((l) => [l.label, l.color]));
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const drawn = await page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      marks: [...document.querySelectorAll('#view mark')].map((m) => {
        const after = getComputedStyle(m, '::after');
        return {
          label: m.dataset.label,
          background: getComputedStyle(m).backgroundColor,
          color: getComputedStyle(m).color,
          name: after.content,
          nameColor: after.color,
          nameOpacity: after.opacity,
        };
      }),
    }));
    assert.equal(toHex(parseRgb(drawn.page).slice(0, 3)), toHex(PAGE[colorScheme]), `${colorScheme} page background`);
    assert.ok(new Set(drawn.marks.map((m) => m.label)).size >= 5, 'the seed has marks of several labels');
    for (const m of drawn.marks) {
      const where = `${colorScheme}, a ${m.label} mark`;
      assert.equal(toHex(parseRgb(m.background).slice(0, 3)), byLabel.get(m.label), `${where}: its label's color`);
      assert.equal(toHex(parseRgb(m.color).slice(0, 3)), toHex(MARK_TEXT), `${where}: text color`);
      assert.equal(m.name, `"${m.label}"`, `${where}: the label written on it`);
      assert.equal(toHex(parseRgb(m.nameColor).slice(0, 3)), toHex(MARK_TEXT), `${where}: label name color`);
      assert.ok(Math.abs(Number(m.nameOpacity) - LABEL_OPACITY) < 1e-6, `${where}: label name opacity ${m.nameOpacity}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
});
