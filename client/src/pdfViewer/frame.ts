/**
 * The PDF viewer frame: pdf.js draws one page at a time onto a canvas. It runs in
 * `<iframe sandbox="allow-scripts">` (client/src/components/attachments/PdfPreviewDialog.tsx), in an
 * opaque origin, under a CSP of its own (server/http/webClient.ts): if a hostile PDF ever got pdf.js
 * to run script, that script could not read the app's cookies, storage or pages, nor call the API as
 * the reader. pdf.js parses in a worker of its own, and only the canvas is drawn: no text layer, no
 * annotation or form layer, no PDF scripting (pdf.js runs none unless a viewer enables it).
 *
 * The frame fetches nothing of the reader's: the app fetches the file with the reader's session and
 * hands the bytes over (./protocol.ts). Its controls are the app's; keys pressed in here are passed up.
 */
import {
  AnnotationMode,
  getDocument,
  GlobalWorkerOptions,
  PasswordException,
  version,
  type PDFDocumentProxy,
  type RenderTask,
} from 'pdfjs-dist';
// Served from our own origin like every asset (the CSP allows no other), never from a CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { VIEWER_KEYS, type FromViewer, type ToViewer, type ViewerKey } from './protocol';
import './frame.css';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * The app's origin: in the sandbox `location.origin` is "null", but the address still says where the
 * page came from, and only that origin may frame it (`frame-ancestors 'self'`).
 */
const APP_ORIGIN = new URL(window.location.href).origin;
/** Character maps, standard fonts and image decoders, beside the assets (scripts/build/pdfjsResources.ts). */
const RESOURCES = new URL(`/assets/pdfjs-${version}/`, window.location.href).href;
/** The largest canvas drawn, in device pixels (a page at 400 % on a high-density screen is cut back to this). */
const MAX_CANVAS_PIXELS = 16_777_216;
/** Images inside a PDF larger than this (pixels) are left out rather than decoded. */
const MAX_IMAGE_PIXELS = 8192 * 8192;

const host = document.getElementById('page')!;
let pdf: PDFDocumentProxy | null = null;
/** The latest request to show a page: an older one still drawing gives way to it. */
let latest = 0;
let drawing: RenderTask | null = null;

const tell = (message: FromViewer) => window.parent.postMessage(message, APP_ORIGIN);

window.addEventListener('message', (event: MessageEvent<ToViewer>) => {
  if (event.source !== window.parent || event.origin !== APP_ORIGIN) return;
  const message = event.data;
  if (message.type === 'open' && !pdf) void open(message.data);
  else if (message.type === 'show') void show(message);
});

window.addEventListener('keydown', (event) => {
  if (!(VIEWER_KEYS as readonly string[]).includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
  event.preventDefault();
  tell({ type: 'key', key: event.key as ViewerKey });
});

async function open(data: ArrayBuffer): Promise<void> {
  try {
    pdf = await getDocument({
      data: new Uint8Array(data),
      cMapUrl: `${RESOURCES}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${RESOURCES}standard_fonts/`,
      wasmUrl: `${RESOURCES}wasm/`,
      // WebAssembly would need 'wasm-unsafe-eval' in the CSP; the JavaScript decoders need nothing.
      useWasm: false,
      enableXfa: false,
      maxImageSize: MAX_IMAGE_PIXELS,
      // pdf.js 6 compiles nothing with eval or new Function (the `isEvalSupported` option of older
      // versions is gone with the code it switched off); the CSP allows neither anyway.
    }).promise;
    tell({ type: 'opened', pages: pdf.numPages });
  } catch (error) {
    tell({ type: 'failed', reason: error instanceof PasswordException ? 'password' : 'unreadable' });
  }
}

async function show({ page, scale, fitWidth, label }: Extract<ToViewer, { type: 'show' }>): Promise<void> {
  if (!pdf) return;
  const request = ++latest;
  try {
    const pdfPage = await pdf.getPage(Math.min(Math.max(1, Math.trunc(page)), pdf.numPages));
    const natural = pdfPage.getViewport({ scale: 1 });
    const cssScale = fitWidth ? Math.max(0.1, Math.min(4, fitWidth / natural.width)) : scale;
    const viewport = pdfPage.getViewport({ scale: cssScale });
    const density = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
    // A canvas of its own for each drawing, put in place when done: the page on screen stays until the next is ready.
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * density);
    canvas.height = Math.floor(viewport.height * density);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    if (request !== latest) return;
    drawing?.cancel();
    drawing = pdfPage.render({
      canvas,
      viewport,
      transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0],
      // Annotations' own appearance drawn into the page (stamps, highlights); nothing interactive.
      annotationMode: AnnotationMode.ENABLE,
    });
    await drawing.promise;
    if (request !== latest) return;
    host.replaceChildren(canvas);
    tell({
      type: 'shown',
      page: pdfPage.pageNumber,
      scale: cssScale,
      width: Math.floor(viewport.width),
      height: Math.floor(viewport.height),
    });
  } catch {
    // A drawing cancelled for a newer one is no failure.
    if (request === latest) tell({ type: 'failed', reason: 'unreadable' });
  }
}

tell({ type: 'ready' });
