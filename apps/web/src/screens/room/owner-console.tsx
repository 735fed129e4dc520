// The owner's console: start, open a lot (optionally timed), award, end, cancel, leave or resume the broadcast.
import { useBidwireClient, type AuctionView } from '@bidwire/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../components/use-action.js';
import { parseMoney } from '../../format.js';

export function OwnerConsole({ auction: a }: { auction: AuctionView }) {
  const client = useBidwireClient();
  const { error, busy, run } = useAction();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const auctionId = a.auction!.id;
  const status = a.auction!.status;
  const lotOpen = a.lot?.status === 'open';

  return (
    <section className="panel console stack" aria-labelledby="console-title">
      <h2 id="console-title">Owner’s console</h2>
      <div className="row wrap">
        {status === 'scheduled' && (
          <button type="button" disabled={busy} onClick={() => void run(() => client.startAuction({ auctionId }))}>
            Start auction
          </button>
        )}
        {status === 'live' && lotOpen && (
          <button type="button" disabled={busy} onClick={() => void run(() => client.awardLot({ auctionId }))}>
            Award lot
          </button>
        )}
        {status === 'live' && (
          <>
            {a.broadcasterPresent ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => client.leaveBroadcast({ auctionId }))}>
                Leave broadcast
              </button>
            ) : (
              <button type="button" className="secondary" disabled={busy} onClick={() => void run(a.rejoin)}>
                Resume broadcast
              </button>
            )}
            <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => client.endAuction({ auctionId }))}>
              End auction
            </button>
            {confirmCancel ? (
              <>
                <button type="button" className="danger" disabled={busy} onClick={() => void run(() => client.cancelAuction({ auctionId }))}>
                  Yes, cancel the auction
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmCancel(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirmCancel(true)}>
                Cancel auction
              </button>
            )}
          </>
        )}
      </div>
      <ErrorMessage error={error} />
      {status === 'live' && !lotOpen && <OpenLotForm auctionId={auctionId} />}
    </section>
  );
}

function OpenLotForm({ auctionId }: { auctionId: string }) {
  const client = useBidwireClient();
  const [product, setProduct] = useState('');
  const [startingPrice, setStartingPrice] = useState('10.00');
  const [minIncrement, setMinIncrement] = useState('1.00');
  const [duration, setDuration] = useState('');
  const [softClose, setSoftClose] = useState('');
  const { error, setError, busy, setBusy } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const start = parseMoney(startingPrice);
    const step = parseMoney(minIncrement);
    if (start === null || step === null) return setError(new Error('Prices are amounts in dollars, e.g. 10.00.'));
    const seconds = (text: string) => (text.trim() === '' ? undefined : Math.round(Number(text) * 1000));
    const durationMs = seconds(duration);
    const softCloseMs = seconds(softClose);
    setBusy(true);
    try {
      await client.openLot({
        auctionId,
        product,
        startingPrice: start,
        minIncrement: step,
        ...(durationMs !== undefined ? { durationMs } : {}),
        ...(softCloseMs !== undefined ? { softCloseMs } : {}),
      });
      setProduct('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="open-lot-title">
      <h3 id="open-lot-title">Open a lot</h3>
      <div className="grid-form">
        <label>
          Product
          <input required maxLength={200} value={product} onChange={(e) => setProduct(e.target.value)} />
        </label>
        <label>
          Starting price (USD)
          <input inputMode="decimal" required value={startingPrice} onChange={(e) => setStartingPrice(e.target.value)} />
        </label>
        <label>
          Minimum increment (USD)
          <input inputMode="decimal" required value={minIncrement} onChange={(e) => setMinIncrement(e.target.value)} />
        </label>
        <label>
          <span>
            Duration in seconds <span className="muted">(optional: closes by itself)</span>
          </span>
          <input type="number" min={1} step={1} value={duration} onChange={(e) => setDuration(e.target.value)} />
        </label>
        <label>
          <span>
            Soft close in seconds <span className="muted">(optional, default 10)</span>
          </span>
          <input type="number" min={0} step={1} value={softClose} onChange={(e) => setSoftClose(e.target.value)} />
        </label>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        Open lot
      </button>
    </form>
  );
}
