// Sign in with a phone number and the 6-digit code (SPEC §2). With OTP_DEV_ECHO=1 the server answers the
// code itself, and it is shown here so a demo needs no SMS.
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/error-message.js';
import { GavelIcon } from '../components/icons.js';
import { publicRest } from '../server.js';
import { sessions } from '../session/session-store.js';

export function SignIn() {
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [devCode, setDevCode] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const requestCode = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const sent = await publicRest.requestOtp({ body: { phone: phone.trim() } });
      setSentTo(phone.trim());
      setDevCode(sent.devCode ?? null);
      setCode(sent.devCode ?? '');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const pair = await publicRest.verifyOtp({ body: { phone: sentTo!, code: code.trim(), ...(name.trim() ? { name: name.trim() } : {}) } });
      sessions.signedIn(pair);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>
        <GavelIcon /> Bidwire
      </h1>
      <p className="muted">Live auctions, chat and notifications — the demo app.</p>
      {sentTo === null ? (
        <form className="panel stack" onSubmit={requestCode}>
          <h2>Sign in</h2>
          <label>
            Phone number
            <input type="tel" autoComplete="tel" placeholder="+15551234567" required value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
          <label>
            <span>
              Your name <span className="muted">(for new accounts)</span>
            </span>
            <input autoComplete="name" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>
            Send me a code
          </button>
        </form>
      ) : (
        <form className="panel stack" onSubmit={verify}>
          <h2>Enter your code</h2>
          <p>We sent a 6-digit code to {sentTo}.</p>
          {devCode && (
            <p className="dev-code" data-testid="dev-code">
              Development mode: your code is <strong>{devCode}</strong>
            </p>
          )}
          <label>
            Sign-in code
            <input inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <ErrorMessage error={error} />
          <div className="row">
            <button type="submit" disabled={busy}>
              Sign in
            </button>
            <button type="button" className="secondary" onClick={() => setSentTo(null)}>
              Use another number
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
