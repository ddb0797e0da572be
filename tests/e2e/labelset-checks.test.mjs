// The label set's checks as data (www/labelset.js), without a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameProblem, addLabel, emptySet } from '../../www/labelset.js';

test('a label cannot be renamed in case alone: the core knows names in any case', () => {
  const set = addLabel(emptySet(), { name: 'WEAPON', color: '#123456' });
  assert.match(nameProblem(set, 'Weapon', 'WEAPON'), /cannot be renamed Weapon: label names match in any case/);
  assert.equal(nameProblem(set, 'ARM', 'WEAPON'), null);
  assert.equal(nameProblem(set, 'WEAPON', 'WEAPON'), null);
  assert.match(nameProblem(set, 'weapon'), /There is a label WEAPON already/);
});
