import "server-only";
import { AppError } from "../../app-error.ts";
import { getServerEnv } from "../../env.ts";

/** The upload cap in bytes (SCHOLIA_MAX_UPLOAD_MB megabytes of 1,000,000 bytes). */
export function maxUploadBytes(): number {
  return Math.floor(getServerEnv().SCHOLIA_MAX_UPLOAD_MB * 1_000_000);
}

export function maxUploadLabel(): string {
  return `${getServerEnv().SCHOLIA_MAX_UPLOAD_MB} MB`;
}

export function uploadTooLarge(fileName: string | null, size: number | null): AppError {
  const what = fileName ? `“${fileName}”` : "The file";
  const sizeText = size !== null ? ` is ${(size / 1_000_000).toFixed(1)} MB;` : " is too large:";
  const message = `${what}${sizeText} files can be at most ${maxUploadLabel()}. Split it into smaller files (by chapter, say) and upload each.`;
  return new AppError("PAYLOAD_TOO_LARGE", message, { fieldErrors: { file: [message] } });
}
