// @vitest-environment jsdom
/**
 * In the reader the window is the global one, whose purifier for nodes is DOMPurify's default
 * instance (sanitize.ts#isDefaultWindow). It must be configured and hooked like one made anew.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeNodes } from '../sanitize';

const HOSTILE =
  '<p style="position: fixed; font-style: italic" onclick="alert(1)">Night <a href="javascript:alert(1)">one</a>' +
  ' <a href="https://example.org/next">two</a></p><img src="x" onerror="alert(2)"><img src="data:text/html;base64,PHNjcmlwdD4=">' +
  '<form action="https://evil.example"><input name="q"></form><script>alert(3)</script>';

function asNodes(html: string): string {
  const nodes = document.createRange().createContextualFragment(html);
  const holder = document.createElement('div');
  holder.append(sanitizeNodes(nodes, window));
  return holder.innerHTML;
}

describe('the sanitiser on the global window', () => {
  it('keeps only what the allow-list and the hooks keep, both ways in', () => {
    const out = asNodes(HOSTILE);

    expect(out).toContain('style="font-style: italic"');
    expect(out).not.toMatch(/position|onclick|onerror|javascript:|<script|<form|<input|data:text/);
    expect(out).toContain('href="https://example.org/next" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).toBe(sanitizeHtml(HOSTILE, window));
  });
});
