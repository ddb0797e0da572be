// How the page writes a span's value: its words (the core's
// `Value::describe`, `value_words` of a span) beside its machine form
// (`value_display`), or the machine form alone when the two read the same
// (amounts: `455,000,000 USD (more than)`). The words themselves come from
// the core only.

/** `Tuesday 9 August 2022 (2022-08-09)`, `455,000,000 USD`, or '' for no value. */
export function valueText(span) {
  const { value_display: machine, value_words: words } = span;
  if (machine === null || machine === undefined) return '';
  return words && words !== machine ? `${words} (${machine})` : machine;
}
