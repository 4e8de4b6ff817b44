/** Keyboard shortcuts stand aside while the person is typing: the one place that decides when that is. */

/** Input types that take text (an input without a type is a text input: its `type` reads "text"). */
const TEXT_INPUT = /^(text|search|email|url|number|password|time)$/;

/** True when a key pressed with this target belongs to a text field, not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLInputElement | null;
  return (
    !!element &&
    (element.isContentEditable ||
      element.tagName === 'TEXTAREA' ||
      (element.tagName === 'INPUT' && TEXT_INPUT.test(element.type)))
  );
}
