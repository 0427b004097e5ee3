import type { MeView } from '@pacjent/contracts';
import { useState } from 'react';
import { consoleApi } from './api';
import { useSubmit } from './hooks';
import { LanguageSwitch } from './LanguageSwitch';
import { t } from './texts';

/** Staff and doctors log in with the portal's login; any other account is turned away with a clear message. */
export function LoginView({ onStaff }: { onStaff: (me: MeView) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const { busy, submit } = useSubmit(async () => {
    setError(null);
    await consoleApi.login(email, password);
    const me = await consoleApi.me();
    if (!me.roles.includes('staff') && !me.roles.includes('doctor')) {
      await consoleApi.logout();
      setError(t.notStaff);
      return;
    }
    onStaff(me);
  }, setError);

  return (
    <>
      <header className="header">
        <strong>{t.appName}</strong>
        <LanguageSwitch />
      </header>
      <main className="main main--narrow">
        <h1>{t.loginTitle}</h1>
        <form onSubmit={(e) => void submit(e)} className="card">
          <label className="field">
            {t.email}
            <input
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              data-testid="console-login-email"
            />
          </label>
          <label className="field">
            {t.password}
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="console-login-password"
            />
          </label>
          {error ? (
            <p className="error" role="alert" data-testid="console-login-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={busy} data-testid="console-login-submit">
            {t.login}
          </button>
        </form>
      </main>
    </>
  );
}
