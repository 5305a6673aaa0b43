// WCAG 2 contrast ratio of two sRGB colours (#rrggbb), and a colour seen through a translucent
// layer. Used by the tests that hold the app's colours to 4.5:1.

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` at opacity `alpha` over `bg`. */
export function blend(fg: string, bg: string, alpha: number): string {
  const part = (hex: string, i: number) => parseInt(hex.replace('#', '').slice(i, i + 2), 16);
  return `#${[0, 2, 4].map((i) => Math.round(alpha * part(fg, i) + (1 - alpha) * part(bg, i)).toString(16).padStart(2, '0')).join('')}`;
}
