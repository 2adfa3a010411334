/*
 * Drafts: what someone types in a form's text field survives a reload, until the form is sent.
 */

/** Keeps field's text in the browser under key; fills an empty field from it; forgets it when form is sent. */
export function keepDraft(form, field, key) {
  if (!form || !field || !window.localStorage) {
    return;
  }
  try {
    if (!field.value) {
      field.value = window.localStorage.getItem(key) || '';
    }
    field.addEventListener('input', () => window.localStorage.setItem(key, field.value));
    form.addEventListener('submit', () => window.localStorage.removeItem(key));
  } catch (e) {
    // storage may be disabled: drafts are a convenience only
  }
}
