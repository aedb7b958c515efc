// Course join codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
// about 60 bits of randomness — unguessable, yet easy to read aloud and type.
// Shown grouped as XXXX-XXXX-XXXX; typed in any case, with or without dashes or spaces.

export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 12;

/** Builds a code from random bytes (the caller supplies them: this module stays pure). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH) throw new Error(`need ${JOIN_CODE_LENGTH} random bytes`);
  let code = "";
  for (let index = 0; index < JOIN_CODE_LENGTH; index += 1) {
    // 256 is not a multiple of 31: the tiny bias (<1%) costs well under a bit of entropy.
    code += JOIN_CODE_ALPHABET[bytes[index]! % JOIN_CODE_ALPHABET.length];
  }
  return formatJoinCode(code);
}

/** Canonical stored form: upper case, grouped by four with dashes. Null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, "");
  if (compact.length === 0 || compact.length > 32 || !/^[A-Z0-9]+$/.test(compact)) return null;
  return formatJoinCode(compact);
}

function formatJoinCode(compact: string): string {
  return compact.match(/.{1,4}/g)!.join("-");
}
