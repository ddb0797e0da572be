// Narrow screens (a phone): the label bar stays at the bottom of the
// screen, in reach of a thumb, and the selected mark's panel opens as a
// sheet just above it, with the mark scrolled into the space left above
// the sheet. The layout itself is style.css's (the same width as here);
// this keeps the two in step: the bar's height for the sheet and the
// page's bottom padding (`--bar-h`), and where a revealed mark goes.

/** The width at and below which the page is laid out for a phone (style.css agrees). */
export const NARROW = '(max-width: 760px)';

/**
 * Watches the label bar `bar` and the panel `panel`; `reveal(mark)` and
 * `uncover(mark)` scroll a mark into sight: centred on a wide screen,
 * above the panel's sheet on a narrow one.
 */
export function createSheet({ bar, panel }) {
  const narrow = window.matchMedia(NARROW);
  const root = document.documentElement;
  const measure = () => root.style.setProperty('--bar-h', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
  new ResizeObserver(measure).observe(bar);
  narrow.addEventListener('change', measure);
  measure();

  const sheetOpen = () => narrow.matches && !panel.hidden;
  // What is left of the screen above the sheet: the mark goes a third of
  // the way down it, never under the sheet or above the top.
  const aboveSheet = (mark) => {
    const room = panel.getBoundingClientRect().top;
    const r = mark.getBoundingClientRect();
    window.scrollBy({ top: r.top - Math.max(8, (room - r.height) / 3), behavior: 'instant' });
  };

  return {
    /** Scrolls `mark` into sight (a mark stepped to, maybe far away). */
    reveal(mark) {
      if (sheetOpen()) aboveSheet(mark);
      else mark.scrollIntoView({ block: 'center', behavior: 'instant' });
    },
    /** Scrolls `mark` (one just tapped, so on screen) out from under the sheet, if it is there. */
    uncover(mark) {
      if (!sheetOpen()) return;
      const r = mark.getBoundingClientRect();
      if (r.top < 0 || r.bottom > panel.getBoundingClientRect().top) aboveSheet(mark);
    },
  };
}
