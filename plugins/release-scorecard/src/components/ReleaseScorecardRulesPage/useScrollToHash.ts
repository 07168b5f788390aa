import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * Scrolls to the element the URL's hash names and moves the focus there,
 * once the page has rendered it. The router changes the hash without
 * scrolling (the page is not reloaded), and the element may appear only
 * after its data loaded; following the same link twice scrolls again
 * because each navigation gets a new location key.
 */
export function useScrollToHash(ready: boolean) {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) {
      return;
    }
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) {
      return;
    }
    target.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
  }, [ready, hash, key]);
}
