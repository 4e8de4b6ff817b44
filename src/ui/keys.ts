/** Keyboard shortcuts stand aside while the person is typing: the one place that decides when that is. */
const TEXT_ENTRY =
  'textarea, [contenteditable=""], [contenteditable="true"], input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"], input[type="number"], input[type="password"], input[type="time"]';

/** True when a key pressed with this target belongs to a text field, not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TEXT_ENTRY) !== null;
}
