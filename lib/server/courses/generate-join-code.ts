import "server-only";
import { randomBytes } from "node:crypto";
import { JOIN_CODE_LENGTH, joinCodeFromBytes } from "../../domain/join-code.ts";

export function generateJoinCode(): string {
  return joinCodeFromBytes(randomBytes(JOIN_CODE_LENGTH));
}
