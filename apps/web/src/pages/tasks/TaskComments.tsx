import { useState } from 'react';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/format';
import { useComments, useTaskActions } from './task-queries';

/** Notes between the people working on a task. */
export function TaskComments({ taskId }: { taskId: string }) {
  const comments = useComments(taskId);
  const { comment } = useTaskActions(taskId);
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="kommentare" className="kern-stack-sm">
      <h2 id="kommentare" className="kern-heading-small">Kommentare</h2>
      {comments.data?.items.length === 0 && <p className="kern-body kern-body--muted">Noch keine Kommentare.</p>}
      <ol className="comment-list">
        {comments.data?.items.map((c) => (
          <li key={c.id}>
            <p className="kern-body--small kern-body--muted">
              {c.author.name}, {formatDateTime(c.createdAt)}
            </p>
            <p className="kern-body preserve-lines">{c.text}</p>
          </li>
        ))}
      </ol>
      <form
        className="kern-stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) comment.mutate(text.trim(), { onSuccess: () => setText('') });
        }}
      >
        <Field label="Neuer Kommentar">{(props) => <textarea {...props} rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
        {comment.isError && <ErrorAlert error={comment.error} title="Der Kommentar wurde nicht gespeichert" />}
        <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={!text.trim() || comment.isPending}>
          <span className="kern-label">Kommentieren</span>
        </button>
      </form>
    </section>
  );
}
