/**
 * What the app and the PDF viewer frame (client/pdf-viewer.html, ./frame.ts) say to each other with
 * postMessage. The frame is sandboxed without `allow-same-origin`: its origin is opaque, so it cannot
 * read the session's cookies or the app's storage, and it is given the file's bytes rather than
 * fetching them. Nothing here imports anything: both sides share these types only.
 */

/** From the app to the frame. */
export type ToViewer =
  /** The PDF's bytes (transferred, not copied). */
  | { type: 'open'; data: ArrayBuffer }
  /**
   * Draw page `page` (from 1) at `scale` (1 = 100 %, CSS pixels), or as wide as `fitWidth` CSS
   * pixels when given; `label` names the drawing for assistive technology.
   */
  | { type: 'show'; page: number; scale: number; fitWidth?: number; label: string };

/** Keys pressed inside the frame that the app acts on (the frame has no controls of its own). */
export const VIEWER_KEYS = ['Escape', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End', '+', '-'] as const;
export type ViewerKey = (typeof VIEWER_KEYS)[number];

/** From the frame to the app. */
export type FromViewer =
  /** Loaded and listening: the app may send the file. */
  | { type: 'ready' }
  | { type: 'opened'; pages: number }
  /** A page is on screen, `width` × `height` CSS pixels at `scale`. */
  | { type: 'shown'; page: number; scale: number; width: number; height: number }
  /** The file is not a PDF pdf.js can read, or asks for a password. */
  | { type: 'failed'; reason: 'unreadable' | 'password' }
  | { type: 'key'; key: ViewerKey };
