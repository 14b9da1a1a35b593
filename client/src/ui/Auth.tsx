/** Sign up and log in; the API's message is shown beside the form when it refuses. */
import { Match, Show, Switch, createSignal } from 'solid-js';
import { errorMessage } from '../runtime/api.js';
import type { Session } from '../runtime/session.js';
import { Logo } from './icons.jsx';

export function AuthScreen(props: { session: Session }) {
  // A first visit most likely wants an account; someone who signed in here before wants to log in.
  const [mode, setMode] = createSignal<'login' | 'signup'>(props.session.hasSignedInBefore() ? 'login' : 'signup');
  return (
    <div class="auth">
      <div class="auth-card">
        <div class="auth-brand">
          <div class="auth-logo">
            <Logo />
          </div>
          <h1>Messenger</h1>
          <p class="muted">Your conversations, on this device first.</p>
        </div>
        <Switch>
          <Match when={mode() === 'login'}>
            <LoginForm session={props.session} onSwitch={() => setMode('signup')} />
          </Match>
          <Match when={mode() === 'signup'}>
            <SignupForm session={props.session} onSwitch={() => setMode('login')} />
          </Match>
        </Switch>
      </div>
    </div>
  );
}

function useSubmit() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function LoginForm(props: { session: Session; onSwitch: () => void }) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const submit = useSubmit();
  return (
    <form
      class="auth-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          if (username().trim() === '' || password() === '') throw new Error('Enter your username and password.');
          await props.session.login({ username: username(), password: password() });
        });
      }}
    >
      <h2>Log in</h2>
      <label class="field">
        <span>Username</span>
        <input data-testid="login-username" autocomplete="username" autocapitalize="none" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="login-password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <Show when={submit.error()}>
        <p class="form-error" role="alert" data-testid="auth-error">
          {submit.error()}
        </p>
      </Show>
      <button class="button primary wide" data-testid="login-submit" type="submit" disabled={submit.busy()}>
        {submit.busy() ? 'Logging in…' : 'Log in'}
      </button>
      <p class="auth-switch">
        New here?{' '}
        <button type="button" class="link" data-testid="show-signup" onClick={() => props.onSwitch()}>
          Create an account
        </button>
      </p>
    </form>
  );
}

function SignupForm(props: { session: Session; onSwitch: () => void }) {
  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const submit = useSubmit();
  return (
    <form
      class="auth-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(() => props.session.signup({ username: username(), displayName: displayName(), password: password() }));
      }}
    >
      <h2>Create an account</h2>
      <label class="field">
        <span>Username</span>
        <input data-testid="signup-username" autocomplete="username" autocapitalize="none" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Display name</span>
        <input data-testid="signup-display-name" autocomplete="name" value={displayName()} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Password</span>
        <input data-testid="signup-password" type="password" autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        <small class="muted">At least 8 characters.</small>
      </label>
      <Show when={submit.error()}>
        <p class="form-error" role="alert" data-testid="auth-error">
          {submit.error()}
        </p>
      </Show>
      <button class="button primary wide" data-testid="signup-submit" type="submit" disabled={submit.busy()}>
        {submit.busy() ? 'Creating…' : 'Create account'}
      </button>
      <p class="auth-switch">
        Have an account?{' '}
        <button type="button" class="link" data-testid="show-login" onClick={() => props.onSwitch()}>
          Log in
        </button>
      </p>
    </form>
  );
}
