// The labels as the page shows them (www/labels.js, moved from the core):
// every label the core emits, in the core's display order, each with a
// name, a color and a one-key shortcut of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS, LABEL_INFO, BY_SHORTCUT } from '../../www/labels.js';

test('every label has a name, a color and a shortcut of its own', () => {
  assert.deepEqual(LABELS.map((l) => l.label), [
    'PERSON', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL', 'ORDINAL',
  ]);
  for (const l of LABELS) {
    assert.match(l.color, /^#[0-9a-f]{6}$/, l.label);
    assert.equal([...l.shortcut].length, 1, l.label);
    assert.ok(l.name.length > 0, l.label);
    assert.equal(LABEL_INFO.get(l.label), l);
    assert.equal(BY_SHORTCUT.get(l.shortcut), l.label, `${l.label}: its shortcut is its own`);
  }
  assert.equal(BY_SHORTCUT.size, LABELS.length);
});
