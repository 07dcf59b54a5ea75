/**
 * End-to-end encryption of the WebDAV folder (issue #19), when the reader turns it on: every file
 * Slipcase writes there is sealed with AES-GCM under a key derived from the reader's passphrase
 * (PBKDF2-SHA-256, the salt in format.json), so the server holds ciphertext only. A chapter's blob
 * is then named by an HMAC of its content under a second key from the same passphrase, not by its
 * plain hash: a plain hash would let the server match the chapter against a copy of the story. A
 * wrong passphrase, or a file changed on the server, fails to open. WebCrypto only; pure.
 */

/** PBKDF2 rounds: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ROUNDS = 600_000;
const IV_BYTES = 12;

export interface FolderKeys {
  seal: CryptoKey;
  name: CryptoKey;
}

/** A new random salt for a folder's format.json. */
export function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(16));
}

/** The folder's keys from the reader's passphrase and its salt (slow on purpose: PBKDF2_ROUNDS). */
export async function folderKeys(passphrase: string, salt: Uint8Array, rounds: number = PBKDF2_ROUNDS): Promise<FolderKeys> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: copy(salt), iterations: rounds }, base, 512),
  );
  const [seal, name] = await Promise.all([
    crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { seal, name };
}

/** The file's bytes sealed: a random IV, then the ciphertext with its tag. */
export async function seal(keys: FolderKeys, plain: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.seal, copy(plain)));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

/** A sealed file opened; throws when the passphrase is wrong or the file was changed. */
export async function unseal(keys: FolderKeys, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length < IV_BYTES + 16) throw new Error('Not a sealed file.');
  const iv = sealed.slice(0, IV_BYTES);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, keys.seal, sealed.slice(IV_BYTES)));
  } catch {
    throw new Error('This file does not open with the passphrase: a different passphrase, or a file changed on the server.');
  }
}

/** A blob's name: the SHA-256 of its content, or with the folder's keys the HMAC of it (64 hex digits either way). */
export async function blobName(content: Uint8Array, keys: FolderKeys | null): Promise<string> {
  const digest = keys ? await crypto.subtle.sign('HMAC', keys.name, copy(content)) : await crypto.subtle.digest('SHA-256', copy(content));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bytes in a buffer of their own: WebCrypto takes an ArrayBuffer-backed view. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
