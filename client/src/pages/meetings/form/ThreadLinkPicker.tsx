import { useId, useState } from 'react';
import { useRecentThreads, type ThreadRef } from '@client/queries/threads';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  linked: readonly ThreadRef[];
  onAdd: (thread: ThreadRef) => void;
}

/** Link a discussion thread to an agenda item: choose one of the 50 most recently active threads. */
export function ThreadLinkPicker({ linked, onAdd }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const threads = useRecentThreads();
  const [chosen, setChosen] = useState('');
  const options = (threads.data ?? []).filter((t) => !linked.some((l) => l.id === t.id));

  return (
    <div className="thread-link-picker">
      <label className="field__label field__label--small" htmlFor={id}>
        {mt('meetings.pickers.thread')}
      </label>
      <div className="thread-link-picker__row">
        <select
          id={id}
          className="select select--small"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          disabled={threads.isPending}
        >
          <option value="">
            {threads.isPending
              ? mt('meetings.pickers.loading')
              : threads.isError
                ? mt('meetings.pickers.failed')
                : mt('meetings.pickers.chooseThread')}
          </option>
          {options.map((thread) => (
            <option key={thread.id} value={thread.id}>
              {thread.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={!chosen}
          onClick={() => {
            const thread = options.find((t) => t.id === chosen);
            if (thread) onAdd(thread);
            setChosen('');
          }}
        >
          {mt('meetings.pickers.add')}
        </button>
      </div>
    </div>
  );
}
