import { requiredTextSchema } from "../../domain/saveable-text.ts";

export const groupNameSchema = requiredTextSchema({ missing: "Enter a group name.", max: 60 });

export const GROUP_NAME_TAKEN = "This course already has a group with that name.";
