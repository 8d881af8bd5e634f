"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", textAlign: "center" }}>
        <h1>Cadence is having trouble</h1>
        <p>Something went wrong while loading the page. Try again in a moment.</p>
        {error.digest && <p style={{ color: "#94a3b8", fontSize: 12 }}>Reference: {error.digest}</p>}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
