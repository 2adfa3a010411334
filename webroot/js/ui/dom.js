/*
 * Building page elements from data: text is always set as text, never as HTML.
 */

/** An element node with an optional class and text. */
export function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined) {
    node.textContent = content;
  }
  return node;
}

/** A type=button button with its text and click handler. */
export function button(label, className, onClick) {
  const node = element('button', className, label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
