import { z } from "zod";
import { ID_PATTERN } from "./id-pattern.ts";

export { ID_PATTERN, isId } from "./id-pattern.ts";

/** A zod schema for an id, with the message to give when it is not one. */
export function idSchema(message = "Not a valid id.") {
  return z.string(message).regex(ID_PATTERN, message);
}
