import { useEffect } from 'react';
import { showDueBadge } from '../../platform/badge';
import { useDeckList } from '../hooks/useDecks';
import { Counts } from '../components/Counts';
import { markFirstScreen } from '../pwa';
import { href, navigate } from '../route';

export function DeckList() {
  const data = useDeckList();
  useEffect(() => {
    document.title = 'Decks · Recall RE';
  }, []);
  const waiting = data ? data.all.newCount + data.all.learningCount + data.all.reviewCount : undefined;
  useEffect(() => {
    if (waiting === undefined) return;
    showDueBadge(waiting);
    markFirstScreen();
  }, [waiting]);
  if (!data) return <p className="muted">Loading your decks…</p>;
  const total = data.all.newCount + data.all.learningCount + data.all.reviewCount;
  return (
    <section aria-labelledby="decks-title">
      <div className="screen-head">
        <h1 id="decks-title">Decks</h1>
        <button
          type="button"
          className="btn primary"
          disabled={total === 0}
          onClick={() => navigate({ name: 'study', deck: 'all' })}
        >
          Study all
        </button>
      </div>
      <p className="deck-links">
        <a href={href({ name: 'add' })}>Add a note or deck</a>
      </p>
      <p className="muted summary">
        Today: <Counts counts={data.all} />
      </p>
      <ul className="deck-list">
        {data.decks.map(({ deck, counts, cardCount }) => {
          const due = counts.newCount + counts.learningCount + counts.reviewCount;
          return (
            <li key={deck.id} className="deck" data-deck-id={deck.id}>
              <div className="deck-text">
                <h2 id={`deck-${deck.id}`}>{deck.name}</h2>
                {deck.description && <p className="muted">{deck.description}</p>}
                <p className="deck-meta">
                  <Counts counts={counts} /> <span className="muted">· {cardCount} cards</span>
                </p>
              </div>
              <div className="deck-buttons">
                <button
                  type="button"
                  className="btn"
                  aria-describedby={`deck-${deck.id}`}
                  disabled={due === 0}
                  onClick={() => navigate({ name: 'study', deck: deck.id })}
                >
                  Study
                </button>
                <a
                  className="btn small options-link"
                  href={href({ name: 'options', deck: deck.id })}
                  aria-label={`Options for ${deck.name}`}
                >
                  ⚙
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
