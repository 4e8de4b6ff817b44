/**
 * Anki writes math for MathJax: \(…\) inline and \[…\] display. The app renders math with KaTeX
 * ahead of time (no MathJax at review), so imported cards get the same treatment here. HTML
 * inside a formula is dropped and entities decoded first, as Anki does before typesetting.
 * A formula KaTeX cannot render stays as written and is reported.
 */
import katex from 'katex';
import { htmlToText } from './util';
import { errorMessage } from '../domain/errors';

const MATHJAX = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;

export function renderMathJax(html: string, onError: (tex: string, message: string) => void): string {
  if (!html.includes('\\(') && !html.includes('\\[')) return html;
  return html.replace(MATHJAX, (whole, inline: string | undefined, display: string | undefined) => {
    const tex = htmlToText(inline ?? display ?? '');
    if (tex.trim() === '') return whole;
    try {
      return katex.renderToString(tex, { displayMode: display !== undefined, throwOnError: true, output: 'htmlAndMathml' });
    } catch (error) {
      onError(tex, errorMessage(error));
      return whole;
    }
  });
}
