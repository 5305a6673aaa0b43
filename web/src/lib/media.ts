// Whether the screen matches a media query, following changes (a phone turned, a window resized).
import { useEffect, useState } from 'react';

/** The phone width: at most this many CSS pixels, lists become cards and charts compact. */
export const PHONE_QUERY = '(max-width: 480px)';

function matches(query: string): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.(query)?.matches;
}

export function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => matches(query));
  useEffect(() => {
    const m = window.matchMedia?.(query);
    if (!m) return;
    const change = () => setOn(m.matches);
    change();
    m.addEventListener?.('change', change);
    return () => m.removeEventListener?.('change', change);
  }, [query]);
  return on;
}

/** True on a phone (≤ 480 px wide). */
export function usePhone(): boolean {
  return useMedia(PHONE_QUERY);
}
