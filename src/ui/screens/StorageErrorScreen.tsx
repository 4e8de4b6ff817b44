import type { StorageProblem } from '../../storage/errors';

export function StorageErrorScreen({ problem }: { problem: StorageProblem }) {
  return (
    <>
      <header className="topbar">
        <span className="brand">Recall RE</span>
      </header>
      <main className="screen">
        <section className="panel error" role="alert">
          <h1>{problem.title}</h1>
          <p>{problem.detail}</p>
          <button type="button" className="btn primary" onClick={() => window.location.reload()}>
            Try again
          </button>
        </section>
      </main>
    </>
  );
}
