/**
 * The WebDAV folder's encryption (src/library/dav/seal.ts): what is sealed opens with the same
 * passphrase only, a changed byte is caught, nothing of the text or its title shows in the sealed
 * bytes or the blob's name, and the same chapter gets a different name in another reader's folder.
 */
import { describe, expect, it } from 'vitest';
import { blobName, folderKeys, newSalt, seal, unseal } from '../dav/seal';
import { isBlobName } from '../dav/layout';

// Few rounds keep the test fast; the derivation is the same.
const ROUNDS = 1_000;
const chapter = new TextEncoder().encode('<h2>Salt Road, chapter 3</h2><p>The lighthouse keeper counted the ships twice.</p>');

describe('sealing the folder', () => {
  it('opens with the same passphrase, and with no other', async () => {
    const salt = newSalt();
    const keys = await folderKeys('lantern harbour 7', salt, ROUNDS);
    const sealed = await seal(keys, chapter);
    expect(new TextDecoder().decode(await unseal(await folderKeys('lantern harbour 7', salt, ROUNDS), sealed))).toContain(
      'lighthouse keeper',
    );
    await expect(unseal(await folderKeys('lantern harbour 8', salt, ROUNDS), sealed)).rejects.toThrow(/does not open with the passphrase/);
    await expect(unseal(await folderKeys('lantern harbour 7', newSalt(), ROUNDS), sealed)).rejects.toThrow();
  });

  it('catches a file changed on the server', async () => {
    const keys = await folderKeys('pass', newSalt(), ROUNDS);
    const sealed = await seal(keys, chapter);
    const changed = sealed.slice();
    changed[changed.length - 5]! ^= 1;
    await expect(unseal(keys, changed)).rejects.toThrow();
    await expect(unseal(keys, sealed.slice(0, 20))).rejects.toThrow();
  });

  it('shows nothing of the text, and seals the same text differently each time', async () => {
    const keys = await folderKeys('pass', newSalt(), ROUNDS);
    const a = await seal(keys, chapter);
    const b = await seal(keys, chapter);
    expect(Buffer.from(a).toString('latin1')).not.toContain('Salt Road');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('names a blob by its content: plainly by SHA-256, sealed by a key of the reader’s own', async () => {
    const plain = await blobName(chapter, null);
    expect(plain).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', chapter)).toString('hex'));
    const mine = await blobName(chapter, await folderKeys('mine', newSalt(), ROUNDS));
    const theirs = await blobName(chapter, await folderKeys('theirs', newSalt(), ROUNDS));
    for (const name of [plain, mine, theirs]) expect(isBlobName(name)).toBe(true);
    expect(new Set([plain, mine, theirs]).size).toBe(3);
    const again = await folderKeys('mine', new Uint8Array(16), ROUNDS);
    expect(await blobName(chapter, again)).toBe(await blobName(chapter, again));
  });
});
