// Keyboard access to boxes that scroll sideways (wide tables on a phone): such a box gets
// tabindex=0 so that it can be focused and scrolled with the arrow keys (WCAG 2.1.1; axe:
// scrollable-region-focusable). The component library's tables do not do it themselves.

const SCROLLERS = '.ant-table-content, .ant-table-body, .table-scroll, .chart-table-wrap';

/** Gives every box under `root` that scrolls and holds nothing focusable a tabindex. */
export function focusScrollers(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (scrolls && !el.hasAttribute('tabindex') && !el.querySelector('a[href], button, input, select, textarea, [tabindex]')) el.tabIndex = 0;
  }
}

/** Keeps doing so as the page changes; returns the function that stops it. */
export function watchScrollers(root: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => focusScrollers(root), 100);
  };
  const observer = new MutationObserver(later);
  observer.observe(root, { childList: true, subtree: true });
  window.addEventListener('resize', later);
  later();
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    window.removeEventListener('resize', later);
  };
}
