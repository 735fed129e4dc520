// An address the app does not know.
import { Link } from 'wouter';

export function NotFound() {
  return (
    <section className="panel stack narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link href="/">Back to the auctions</Link>
    </section>
  );
}
