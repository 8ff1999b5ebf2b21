import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useModalDialog } from '@client/components/useModalDialog';
import { attachmentBytes } from '@client/queries/attachments';
import type { FromViewer, ToViewer, ViewerKey } from '@client/pdfViewer/protocol';
import type { AttachedFile } from './AttachmentFile';
import { DownloadLink } from './DownloadLink';

/** The viewer page (client/pdf-viewer.html), served under its own CSP (server/http/webClient.ts). */
const VIEWER_PAGE = '/pdf-viewer.html';
/**
 * No `allow-same-origin`: the frame's origin is opaque, so pdf.js, and whatever a hostile PDF might
 * make it do, runs without the reader's cookies, storage or pages. In development only, the frame
 * keeps the app's origin: Vite's dev server (rightly) answers no CORS request from an opaque origin.
 */
const SANDBOX = import.meta.env.DEV ? 'allow-scripts allow-same-origin' : 'allow-scripts';
const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

type Phase =
  | { kind: 'loading' }
  | { kind: 'open'; pages: number }
  | { kind: 'failed'; reason: 'unreadable' | 'password' }
  | { kind: 'unavailable'; error: unknown };

interface Shown {
  page: number;
  scale: number;
  width: number;
  height: number;
}

/**
 * A PDF attachment's pages, one at a time, drawn by pdf.js in a sandboxed frame: the app fetches the
 * file with the reader's session (the download itself, read as bytes, never opened as a document)
 * and hands the bytes to the frame. Previous/next page and zoom are the app's own buttons; ← → turn
 * pages (in the frame too), Esc or 閉じる closes and gives focus back to 「プレビュー」.
 */
export function PdfPreviewDialog({ file, onClose }: { file: AttachedFile; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  useModalDialog(dialog);

  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<'fit' | number>('fit');
  const [shown, setShown] = useState<Shown | null>(null);
  const [stageWidth, setStageWidth] = useState(0);
  const pages = phase.kind === 'open' ? phase.pages : 0;

  const turnTo = (to: number) => {
    if (pages) setPage(Math.min(Math.max(1, to), pages));
  };
  const current = shown?.scale ?? 1;
  const larger = ZOOM_STEPS.find((step) => step > current + 0.01);
  const smaller = [...ZOOM_STEPS].reverse().find((step) => step < current - 0.01);
  const onKey = (key: ViewerKey) => {
    if (key === 'Escape') onClose();
    else if (key === 'ArrowLeft' || key === 'PageUp') turnTo(page - 1);
    else if (key === 'ArrowRight' || key === 'PageDown') turnTo(page + 1);
    else if (key === 'Home') turnTo(1);
    else if (key === 'End') turnTo(pages);
    else if (key === '+' && larger) setZoom(larger);
    else if (key === '-' && smaller) setZoom(smaller);
  };

  const onViewerMessage = useEffectEvent((message: FromViewer) => {
    if (message.type === 'opened') setPhase({ kind: 'open', pages: message.pages });
    else if (message.type === 'shown') setShown({ page: message.page, scale: message.scale, width: message.width, height: message.height });
    else if (message.type === 'failed') setPhase({ kind: 'failed', reason: message.reason });
    else if (message.type === 'key') onKey(message.key);
  });

  // The file's bytes, and the frame ready for them: whichever comes second hands them over. The
  // frame's origin is opaque ("null"), so no origin can be named when posting to it: messages go to
  // our own frame's window, and only once that window has said it is ready.
  useEffect(() => {
    const abort = new AbortController();
    let bytes: ArrayBuffer | null = null;
    let ready = false;
    const handOver = () => {
      if (!bytes || !ready) return;
      frame.current?.contentWindow?.postMessage({ type: 'open', data: bytes } satisfies ToViewer, '*', [bytes]);
      bytes = null;
    };
    attachmentBytes(file.id, abort.signal).then(
      (data) => {
        bytes = data;
        handOver();
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setPhase({ kind: 'unavailable', error });
      },
    );
    const listen = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const message = event.data as FromViewer | undefined;
      if (message?.type === 'ready') {
        ready = true;
        handOver();
      } else if (message && typeof message.type === 'string') {
        onViewerMessage(message);
      }
    };
    window.addEventListener('message', listen);
    return () => {
      abort.abort();
      window.removeEventListener('message', listen);
    };
  }, [file.id]);

  // "Fit to width" follows the stage's width (a window resized, a phone turned).
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setStageWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const label = t('attachments.viewer.page', { name: file.name, page, pages });
  useEffect(() => {
    if (phase.kind !== 'open' || (zoom === 'fit' && stageWidth === 0)) return;
    const message: ToViewer =
      zoom === 'fit' ? { type: 'show', page, scale: 1, fitWidth: stageWidth, label } : { type: 'show', page, scale: zoom, label };
    frame.current?.contentWindow?.postMessage(message, '*');
  }, [phase.kind, page, zoom, stageWidth, label]);

  /** ← → outside the page view turn pages; inside it, the arrow keys scroll it. */
  const onDialogKey = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey || stage.current?.contains(event.target as Node)) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === '+' || event.key === '-') {
      event.preventDefault();
      onKey(event.key);
    }
  };

  const status =
    phase.kind === 'loading' ? (
      <p role="status">{t('attachments.viewer.loading')}</p>
    ) : phase.kind === 'failed' ? (
      <p role="alert" className="field__error">
        {t(phase.reason === 'password' ? 'attachments.viewer.password' : 'attachments.viewer.failed')}
      </p>
    ) : phase.kind === 'unavailable' ? (
      <p role="alert" className="field__error">
        {t('attachments.viewer.fetchFailed', { message: errorMessage(phase.error) })}
      </p>
    ) : null;
  const showing = phase.kind === 'open' && shown !== null;

  return (
    <dialog
      ref={dialog}
      className="dialog pdf-viewer"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-keys`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onDialogKey}
    >
      <div className="pdf-viewer__header">
        <h2 id={`${id}-title`} className="dialog__title pdf-viewer__title">
          <span data-user-content>{file.name}</span>
        </h2>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="pdf-viewer__controls">
        <div className="pdf-viewer__group">
          <Step available={page > 1} onClick={() => turnTo(page - 1)}>
            {t('pagination.previous')}
          </Step>
          <span className="pdf-viewer__where" aria-live="polite">
            {pages > 0 && t('pagination.where', { page, pages })}
          </span>
          <Step available={page < pages} onClick={() => turnTo(page + 1)}>
            {t('pagination.next')}
          </Step>
        </div>
        <div className="pdf-viewer__group">
          <Step available={showing && smaller !== undefined} onClick={() => smaller && setZoom(smaller)}>
            {t('attachments.viewer.zoomOut')}
          </Step>
          <span className="pdf-viewer__zoom">{showing && t('attachments.viewer.zoom', { percent: Math.round(current * 100) })}</span>
          <Step available={showing && larger !== undefined} onClick={() => larger && setZoom(larger)}>
            {t('attachments.viewer.zoomIn')}
          </Step>
          <Step available={showing} pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
            {t('attachments.viewer.fitWidth')}
          </Step>
        </div>
        <DownloadLink file={file} />
      </div>
      <p id={`${id}-keys`} className="small muted pdf-viewer__keys">
        {t('attachments.viewer.keys')}
      </p>
      {/* A scrolling region the keyboard can reach, for a page larger than the window. */}
      <div ref={stage} className="pdf-viewer__stage" tabIndex={0} role="region" aria-label={t('attachments.viewer.stage')}>
        {status}
        <iframe
          ref={frame}
          className="pdf-viewer__frame"
          src={VIEWER_PAGE}
          sandbox={SANDBOX}
          title={t('attachments.viewer.frame', { name: file.name })}
          // The frame has nothing to focus (the page is a picture): the controls are out here.
          tabIndex={-1}
          style={showing && phase.kind === 'open' ? { width: shown.width, height: shown.height } : { width: 0, height: 0 }}
          hidden={phase.kind === 'failed' || phase.kind === 'unavailable'}
        />
      </div>
    </dialog>
  );
}

/**
 * A viewer button. One that cannot act now (the last page's 「次のページ」) says so with
 * `aria-disabled` rather than `disabled`, so it keeps the focus: a disabled button drops it to the
 * page behind the dialog, and the next key press would go nowhere.
 */
function Step({
  available,
  pressed,
  onClick,
  children,
}: {
  available: boolean;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-disabled={!available || undefined}
      aria-pressed={pressed}
      onClick={() => available && onClick()}
    >
      {children}
    </button>
  );
}
