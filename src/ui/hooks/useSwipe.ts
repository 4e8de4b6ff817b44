/**
 * Horizontal swipe on the card: right = Good, left = Again. While dragging, the card follows
 * the finger and a hint shows what letting go would do; dragging back under the threshold
 * cancels. Vertical movement is left to scrolling (touch-action: pan-y).
 */
import { type PointerEvent, useRef, useState } from 'react';

export const SWIPE_THRESHOLD = 96;

export interface Swipe {
  dx: number;
  intent: 'good' | 'again' | null;
  handlers: {
    onPointerDown: (e: PointerEvent<HTMLElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLElement>) => void;
    onPointerUp: (e: PointerEvent<HTMLElement>) => void;
    onPointerCancel: () => void;
  };
}

export function useSwipe(enabled: boolean, onSwipe: (direction: 'good' | 'again') => void): Swipe {
  const start = useRef<{ x: number; y: number; id: number; horizontal: boolean | null } | null>(null);
  const [dx, setDx] = useState(0);
  const reset = () => {
    start.current = null;
    setDx(0);
  };
  const intent = dx >= SWIPE_THRESHOLD ? 'good' : dx <= -SWIPE_THRESHOLD ? 'again' : null;
  return {
    dx,
    intent,
    handlers: {
      onPointerDown: (e) => {
        if (!enabled || e.pointerType === 'mouse') return;
        start.current = { x: e.clientX, y: e.clientY, id: e.pointerId, horizontal: null };
      },
      onPointerMove: (e) => {
        const s = start.current;
        if (!s || s.id !== e.pointerId) return;
        const mx = e.clientX - s.x;
        const my = e.clientY - s.y;
        if (s.horizontal === null && Math.hypot(mx, my) > 10) {
          s.horizontal = Math.abs(mx) > Math.abs(my);
          if (s.horizontal) e.currentTarget.setPointerCapture?.(e.pointerId);
        }
        if (s.horizontal) setDx(mx);
      },
      onPointerUp: (e) => {
        const s = start.current;
        if (!s || s.id !== e.pointerId) return;
        const moved = e.clientX - s.x;
        reset();
        if (s.horizontal && moved >= SWIPE_THRESHOLD) onSwipe('good');
        else if (s.horizontal && moved <= -SWIPE_THRESHOLD) onSwipe('again');
      },
      onPointerCancel: reset,
    },
  };
}
