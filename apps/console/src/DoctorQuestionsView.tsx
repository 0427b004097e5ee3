import type { DoctorQuestionView } from '@pacjent/contracts';
import { useState } from 'react';
import { consoleApi } from './api';
import { useLoadedList, useSubmit } from './hooks';
import { formatDate, t } from './texts';

/** Open questions about the doctor's visits, oldest first; each is answered here. */
export function DoctorQuestionsView() {
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const { items, state } = useLoadedList(() => consoleApi.doctorQuestions(), [reload], setError);

  return (
    <section className="card" data-testid="doctor-questions" data-state={state}>
      <h1>{t.patientQuestions}</h1>
      {error ? (
        <p className="error" role="alert" data-testid="doctor-questions-error">
          {error}
        </p>
      ) : null}
      {state === 'ready' && items.length === 0 ? (
        <p className="muted" data-testid="doctor-questions-empty">
          {t.noQuestions}
        </p>
      ) : null}
      <ul className="list">
        {items.map((question) => (
          <QuestionItem key={question.id} question={question} onAnswered={() => setReload((n) => n + 1)} />
        ))}
      </ul>
    </section>
  );
}

function QuestionItem({ question, onAnswered }: { question: DoctorQuestionView; onAnswered: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, submit } = useSubmit(async () => {
    await consoleApi.answerQuestion(question.id, text);
    onAnswered();
  }, setError);

  return (
    <li data-testid="doctor-question" data-id={question.id}>
      <p className="muted">
        {formatDate(question.askedAt)} · {question.visit.service.name} ({formatDate(question.visit.startsAt)})
      </p>
      <p data-testid="doctor-question-text">{question.text}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          {t.answer}
          <textarea required value={text} onChange={(e) => setText(e.target.value)} data-testid="doctor-answer-text" />
        </label>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--small" disabled={busy} data-testid="doctor-answer-submit">
          {t.sendAnswer}
        </button>
      </form>
    </li>
  );
}
