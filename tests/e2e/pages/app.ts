/** Page models: each screen through its accessible roles and names, never CSS or sleeps. */
import type { Locator, Page } from 'playwright-core';

export class DecksPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Decks' });
  }

  deck(name: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) });
  }

  deckNames(): Promise<string[]> {
    return this.page.getByRole('listitem').getByRole('heading', { level: 2 }).allInnerTexts();
  }

  /** The New / Learning / Due numbers shown for a deck (or for "Today" when name is omitted). */
  async counts(name?: string): Promise<{ newCount: number; learning: number; due: number }> {
    const scope = name ? this.deck(name) : this.page.locator('.summary');
    const text = (k: string) => scope.getByTitle(k, { exact: true }).first().innerText();
    const value = async (k: string) => Number((await text(k)).replace(/\D+/g, ''));
    return { newCount: await value('New'), learning: await value('Learning'), due: await value('Due') };
  }

  async studyAll(): Promise<StudyPage> {
    await this.page.getByRole('button', { name: 'Study all' }).click();
    const study = new StudyPage(this.page);
    await study.waitForCardOrDone();
    return study;
  }

  async studyDeck(name: string): Promise<StudyPage> {
    await this.deck(name).getByRole('button', { name: 'Study' }).click();
    const study = new StudyPage(this.page);
    await study.waitForCardOrDone();
    return study;
  }
}

export class StudyPage {
  constructor(readonly page: Page) {}

  showAnswer(): Locator {
    return this.page.getByRole('button', { name: 'Show answer' });
  }

  grade(name: 'Again' | 'Hard' | 'Good' | 'Easy'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  undo(): Locator {
    return this.page.getByRole('button', { name: 'Undo' });
  }

  front(): Locator {
    return this.page.locator('.card-front');
  }

  async waitForCardOrDone(): Promise<void> {
    await this.showAnswer()
      .or(this.page.getByRole('heading', { name: 'All done for now' }))
      .first()
      .waitFor();
  }

  async frontText(): Promise<string> {
    return (await this.front().innerText()).trim();
  }

  /** Answers the shown card; resolves when the next card (or the done screen) is up. */
  async answerWithClicks(grade: 'Again' | 'Hard' | 'Good' | 'Easy'): Promise<void> {
    await this.showAnswer().click();
    const button = this.grade(grade);
    await button.click();
    await button.waitFor({ state: 'detached' });
    await this.waitForCardOrDone();
  }

  async answerWithKeys(key: '1' | '2' | '3' | '4', reveal: 'Space' | 'Enter' = 'Space'): Promise<void> {
    await this.showAnswer().waitFor();
    await this.page.keyboard.press(reveal);
    await this.grade('Good').waitFor();
    await this.page.keyboard.press(key);
    await this.grade('Good').waitFor({ state: 'detached' });
    await this.waitForCardOrDone();
  }
}

/** The Deck options screen of one deck (opened at its route or from the deck list). */
export class DeckOptionsPage {
  constructor(private readonly page: Page) {}

  /** Creates a preset from the deck's current values; the deck moves to it. */
  async newPreset(name: string): Promise<void> {
    await this.page.getByLabel('New preset name').fill(name);
    await this.page.getByRole('button', { name: 'New preset' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `Preset "${name}" created` })
      .waitFor();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save options' }).click();
    await this.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  }
}

/** Settings → Daily reminder. */
export class ReminderSettings {
  constructor(private readonly page: Page) {}

  toggle(): Locator {
    return this.page.getByRole('checkbox', { name: 'Remind me when cards are waiting' });
  }

  time(): Locator {
    return this.page.getByLabel('Reminder time');
  }

  status(): Locator {
    return this.page.getByTestId('reminder-status');
  }

  /** What the panel says the browser is missing. */
  problem(): Locator {
    return this.page.getByRole('region', { name: 'Daily reminder' }).getByRole('alert');
  }
}
