import { useEffect, useState } from 'preact/hooks';
import { type Locale, translator } from '../../../shared/i18n';
import type { SessionInfo } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';

export function LoginView({ locale, onSignedIn }: { locale: Locale; onSignedIn: (s: SessionInfo) => void }) {
  const t = translator(uiMessages, locale);
  const [username, setUsername] = useState('supervisor');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sso, setSso] = useState(false);
  useEffect(() => {
    call('GET /api/v1/login-options').then(
      (o) => setSso(o.sso),
      () => setSso(false),
    );
  }, []);
  return (
    <main>
      <h1 id="main-heading" tabIndex={-1}>
        {t('loginTitle')}
      </h1>
      <form
        class="sg-login"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            onSignedIn(await call('POST /api/v1/login', { body: { username, password } }));
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
            setPassword('');
          }
        }}
      >
        <div class="sg-field">
          <label for="login-user">{t('username')}</label>
          <input
            id="login-user"
            name="username"
            autocomplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="sg-field">
          <label for="login-password">{t('password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t('loggingIn') : t('login')}
          </button>
        </p>
        {error && (
          <p role="alert" class="sg-error">
            {t('error', { message: error })}
          </p>
        )}
      </form>
      {sso && (
        <p>
          {/* A full navigation: the identity provider's pages cannot run inside ours. */}
          <a class="sg-button" href="/api/v1/sso/login">
            {t('ssoLogin')}
          </a>
        </p>
      )}
    </main>
  );
}
