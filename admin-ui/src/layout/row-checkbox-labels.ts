const ROW_CHECKBOX = '.RaDataTable-checkbox[aria-label]';

/**
 * react-admin 5's row checkbox sets its aria-label on MUI's wrapper span, which may not carry
 * one, and leaves the checkbox input itself without a name for screen readers. This moves each
 * label onto its input. React sets the attribute only when the prop changes, so it stays moved.
 */
export function labelRowCheckboxes(root: ParentNode): void {
  for (const wrapper of root.querySelectorAll<HTMLElement>(ROW_CHECKBOX)) {
    const input = wrapper.querySelector('input');
    const label = wrapper.getAttribute('aria-label');
    if (!input || !label) continue;
    input.setAttribute('aria-label', label);
    wrapper.removeAttribute('aria-label');
  }
}

/** Keeps row checkboxes labelled as lists render and page. */
export function watchRowCheckboxes(document: Document): MutationObserver {
  const observer = new MutationObserver(() => labelRowCheckboxes(document));
  observer.observe(document.body, { childList: true, subtree: true });
  labelRowCheckboxes(document);
  return observer;
}
