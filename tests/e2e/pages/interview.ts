/** Page model of the Interview screen (#/interview): setup, a run's steps and the figures. */
import type { Locator, Page } from 'playwright-core';

export class InterviewPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Mock interview' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Interview', exact: true }).click();
    await this.heading()
      .or(this.page.getByRole('region', { name: 'Mock interview' }))
      .first()
      .waitFor();
  }

  /** Fills the setup form: only the decks named (by the start of their label) are ticked. */
  async setUp(options: {
    decks: string[];
    count: number;
    minutes: number;
    mode: 'Written' | 'Spoken';
    review: 'After each answer' | 'All at the end';
  }) {
    const boxes = this.page.getByRole('group', { name: 'Decks' }).getByRole('checkbox');
    await boxes.first().waitFor();
    for (const box of await boxes.all()) {
      const label = ((await box.locator('xpath=..').textContent()) ?? '').trim();
      await box.setChecked(options.decks.some((d) => label.startsWith(d)));
    }
    await this.page.getByLabel('Questions', { exact: true }).fill(String(options.count));
    await this.page.getByLabel('Minutes per question').fill(String(options.minutes));
    await this.page.getByRole('radio', { name: new RegExp(`^${options.mode}`) }).check();
    await this.page.getByRole('radio', { name: options.review }).check();
  }

  start(): Locator {
    return this.page.getByRole('button', { name: 'Start interview' });
  }

  answerBox(): Locator {
    return this.page.getByRole('textbox', { name: 'Your answer' });
  }

  timer(): Locator {
    return this.page.getByRole('timer');
  }

  announcement(): Locator {
    return this.page.getByTestId('clock-announcement');
  }

  finishAnswer(): Locator {
    return this.page.getByRole('button', { name: 'Finish answer' });
  }

  reviewHeading(n: number): Locator {
    return this.page.getByRole('heading', { name: `Review of question ${n}` });
  }

  startQuestion(n: number): Locator {
    return this.page.getByRole('button', { name: `Start question ${n}` });
  }

  rubricBoxes(): Locator {
    return this.page.getByRole('group', { name: /Rubric/ }).getByRole('checkbox');
  }

  grade(name: 'Again' | 'Hard' | 'Good' | 'Easy'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  undo(): Locator {
    return this.page.getByRole('button', { name: /^Undo/ });
  }

  summaryHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Interview done' });
  }

  finish(): Locator {
    return this.page.getByRole('button', { name: 'Finish', exact: true });
  }

  coverage(): Locator {
    return this.page.getByRole('list', { name: 'Rubric points covered, by kind' }).getByRole('listitem');
  }
}
